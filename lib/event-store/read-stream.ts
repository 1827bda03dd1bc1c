import { assertRole } from '../actor';
import { validationError } from '../errors';
import { metrics } from '../metrics';
import type { StoreContext } from './context';
import { getStream } from './get-stream';
import { pageSize } from './limits';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows';
import type { RecordedEvent, WithActor } from './types';

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
  const stream = await getStream(ctx, params);
  const sql = ctx.sql;
  const forward = direction === 'forward';
  const from = params.fromVersion ?? (forward ? 1 : stream.version);
  const rows = await sql<EventRow[]>`
    select ${sql.unsafe(EVENT_COLUMNS)} from events
    where stream_id = ${streamId}
      and ${forward ? sql`stream_version >= ${from}` : sql`stream_version <= ${from}`}
    order by stream_version ${forward ? sql`asc` : sql`desc`}
    limit ${limit + 1}`;
  stop();
  const page = rows.slice(0, limit).map(toRecordedEvent);
  const last = page.at(-1);
  const hasMore = rows.length > limit && last !== undefined;
  return {
    streamId,
    version: stream.version,
    events: params.raw ? page : page.map((e) => ctx.registry.upcast(e)),
    nextCursor: hasMore ? last.version + (forward ? 1 : -1) : null,
  };
}
