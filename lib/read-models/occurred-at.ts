import type { Queryable } from '../event-store/context';

/**
 * The business time of a stream's event, as SQL inside the read model's statement: the stored
 * value, whether given by an import or defaulted to the commit time (which the app cannot know).
 */
export const occurredAtOf = (sql: Queryable, streamId: string, version: number) =>
  sql`(select occurred_at from events where stream_id = ${streamId} and stream_version = ${version})`;
