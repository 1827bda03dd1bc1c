import { validationError } from '../errors';

export const STREAM_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;
export const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}

export function isSystemStream(streamId: string): boolean {
  return streamId.startsWith('$');
}

/** Ids starting with `$` are reserved for the system and cannot be written by callers. */
export function assertWritableStreamId(streamId: string, { system = false } = {}): void {
  if (system) {
    if (isSystemStream(streamId) && isReadableStreamId(streamId)) return;
    throw validationError(`Not a system stream id: ${streamId.slice(0, 210)}`, [
      { path: 'streamId', message: 'not a system stream' },
    ]);
  }
  if (isSystemStream(streamId)) {
    throw validationError(
      `Stream ids starting with $ are reserved for the system: ${streamId.slice(0, 210)}`,
      [{ path: 'streamId', message: 'reserved' }],
    );
  }
  if (!STREAM_ID_PATTERN.test(streamId)) {
    throw validationError(
      `Invalid stream id "${streamId.slice(0, 210)}": use 1–200 characters of A–Z a–z 0–9 _ . : -`,
      [{ path: 'streamId', message: 'must match ^[A-Za-z0-9_.:-]{1,200}$' }],
    );
  }
}

export function isReadableStreamId(streamId: string): boolean {
  return STREAM_ID_PATTERN.test(isSystemStream(streamId) ? streamId.slice(1) : streamId);
}
