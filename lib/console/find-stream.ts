import type { Actor } from '../actor';
import type { StreamDetails } from '../event-store';
import { getStore } from '../runtime';
import { isChronicleError } from '../errors';
import { consoleSql } from './read-sql';

/** A stream's header for the console, or null when no stream has this id. */
export async function findStream(actor: Actor, streamId: string): Promise<StreamDetails | null> {
  try {
    return await (await getStore()).getStream({ actor, streamId });
  } catch (error) {
    if (isChronicleError(error, 'not_found')) return null;
    throw error;
  }
}

/**
 * The stream id in a route segment. Links encode ids with encodeURIComponent; ids never hold
 * `%`, so one that does is still encoded, and a malformed one names no stream.
 */
export function streamIdFromSegment(segment: string): string | null {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Which of these ids name a stream that exists, in one query (for links that must lead somewhere). */
export async function existingStreams(actor: Actor, streamIds: string[]): Promise<Set<string>> {
  if (streamIds.length === 0) return new Set();
  const sql = await consoleSql(actor);
  const rows = await sql<{ stream_id: string }[]>`
    select stream_id from streams where stream_id = any(${[...new Set(streamIds)]}::text[])`;
  return new Set(rows.map((row) => row.stream_id));
}
