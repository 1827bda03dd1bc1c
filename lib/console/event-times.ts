import 'server-only';
import type { Actor } from '../actor';
import { visibleEventSql } from '../retention/visible';
import { consoleSql } from './read-sql';

/** When an event happened in the domain (business time) and when the store committed it. */
export type EventTimes = { occurredAt: string; recordedAt: string };

export type StreamVersion = { streamId: string; version: number };

export const versionKey = ({ streamId, version }: StreamVersion) => `${version}@${streamId}`;

/**
 * The times of the events at these stream versions, in one query for a whole page, keyed by
 * `versionKey`. A version with no event (none yet, or no longer readable) is absent.
 */
export async function eventTimes(
  actor: Actor,
  versions: StreamVersion[],
): Promise<Map<string, EventTimes>> {
  if (versions.length === 0) return new Map();
  const sql = await consoleSql(actor);
  const rows = await sql<
    { stream_id: string; stream_version: number; occurred_at: Date; recorded_at: Date }[]
  >`
    select e.stream_id, e.stream_version, e.occurred_at, e.recorded_at
    from unnest(${versions.map((v) => v.streamId)}::text[], ${versions.map((v) => v.version)}::bigint[])
      as wanted (stream_id, stream_version)
    join events e using (stream_id, stream_version)
    where ${visibleEventSql(sql, 'e')}`;
  return new Map(
    rows.map((row) => [
      versionKey({ streamId: row.stream_id, version: row.stream_version }),
      { occurredAt: row.occurred_at.toISOString(), recordedAt: row.recorded_at.toISOString() },
    ]),
  );
}

/** The first and the newest event of each stream: when it was created and last changed. */
export async function streamEnds(
  actor: Actor,
  streams: StreamVersion[],
): Promise<Map<string, { first?: EventTimes; last?: EventTimes }>> {
  const times = await eventTimes(
    actor,
    streams.flatMap((stream) => [{ streamId: stream.streamId, version: 1 }, stream]),
  );
  return new Map(
    streams.map((stream) => [
      stream.streamId,
      {
        first: times.get(versionKey({ streamId: stream.streamId, version: 1 })),
        last: times.get(versionKey(stream)),
      },
    ]),
  );
}

/** The times of the event at each given version (a stream's newest, say), by stream id. */
export async function timesAtVersions(
  actor: Actor,
  versions: StreamVersion[],
): Promise<Map<string, EventTimes>> {
  const times = await eventTimes(actor, versions);
  return new Map(
    versions.flatMap((at) => {
      const found = times.get(versionKey(at));
      return found ? [[at.streamId, found] as const] : [];
    }),
  );
}
