import { assertRole } from '../actor';
import { notFound, validationError } from '../errors';
import { metrics } from '../metrics';
import type { StoreContext } from './context';
import { pageSize } from './limits';
import { openRows } from './open-rows';
import { EVENT_COLUMNS, type EventRow } from './rows';
import type { RecordedEvent, WithActor } from './types';
import { visibleEventSql } from '../retention/visible';

export type ReadStreamParams = WithActor<{
  streamId: string;
  /** Inclusive. Forward reads start at 1, backward reads at the newest event, by default. */
  fromVersion?: number;
  limit?: number;
  direction?: 'forward' | 'backward';
  /** Events as stored, without upcasting (what the hash chain covers). */
  raw?: boolean;
}>;

export type StreamPage = {
  streamId: string;
  version: number;
  events: RecordedEvent[];
  /** The `fromVersion` of the next page, or null at the end. */
  nextCursor: number | null;
};

export async function readStream(ctx: StoreContext, params: ReadStreamParams): Promise<StreamPage> {
  assertRole(params.actor, 'auditor');
  const { streamId, direction = 'forward' } = params;
  const limit = pageSize(params.limit);
  if (
    params.fromVersion !== undefined &&
    (!Number.isSafeInteger(params.fromVersion) || params.fromVersion < 0)
  ) {
    throw validationError('fromVersion must be an integer ≥ 0', [
      { path: 'fromVersion', message: 'invalid' },
    ]);
  }
  const stop = metrics().readSeconds.startTimer({ kind: 'stream' });
  const sql = ctx.sql;
  const forward = direction === 'forward';
  const from = params.fromVersion ?? null;
  // One round trip: the stream's head and the page, or no row at all for an unknown stream.
  const rows = await sql<(EventRow & { head: number })[]>`
    select s.version as head, e.* from streams s
    left join lateral (
      select ${sql.unsafe(EVENT_COLUMNS)} from events
      where stream_id = s.stream_id and ${
        forward
          ? sql`stream_version >= coalesce(${from}::bigint, 1)`
          : sql`stream_version <= coalesce(${from}::bigint, s.version)`
      } and ${visibleEventSql(sql)}
      order by stream_version ${forward ? sql`asc` : sql`desc`}
      limit ${limit + 1}
    ) e on true
    where s.stream_id = ${streamId}`;
  const head = rows[0]?.head;
  if (head === undefined) throw notFound(`Stream ${streamId} does not exist`);
  stop();
  const eventRows = rows.filter((row) => row.global_position !== null);
  const page = await openRows(ctx, eventRows.slice(0, limit), { raw: params.raw });
  const last = page.at(-1);
  const hasMore = eventRows.length > limit && last !== undefined;
  return {
    streamId,
    version: head,
    events: page,
    nextCursor: hasMore ? last.version + (forward ? 1 : -1) : null,
  };
}
