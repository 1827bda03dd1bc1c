/** What console reads and server actions hand back when the failure is the user's input, not a crash. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: string };
