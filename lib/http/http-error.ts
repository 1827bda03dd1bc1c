/**
 * A refusal that exists only at the HTTP edge. The core's ErrorCode covers what the store can
 * refuse; a media type is a property of the request, so its 415 lives here.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unsupportedMediaType = (message: string) =>
  new HttpError(415, 'unsupported_media_type', 'Unsupported media type', message);
