/** A stream page's path; ids may hold `:` and `.`, and system ids start with `$`. */
export const streamHref = (streamId: string) => `/streams/${encodeURIComponent(streamId)}`;
