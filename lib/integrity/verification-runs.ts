import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { actorLabel, assertRole, systemActor, type Actor } from '../actor';
import { conflict, notFound } from '../errors';
import { asQueryable, type StoreContext } from '../event-store/context';
import { decodeCursor, keysetPage } from '../event-store/cursor';
import { pageSize } from '../event-store/limits';
import { verifyStream, type VerifyResult } from '../event-store/verify';

export const VERIFY_TASK = 'verify-streams';
const STREAMS_PER_BATCH = 50;
const MAX_PICKUPS = 25;

export type VerificationStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
const FINAL: readonly VerificationStatus[] = ['succeeded', 'failed', 'cancelled'];

export type VerificationRun = {
  id: string;
  scope: 'stream' | 'all';
  streamId: string | null;
  status: VerificationStatus;
  checkedStreams: number;
  totalStreams: number;
  checkedEvents: number;
  invalid: { streamId: string; firstInvalidVersion: number }[];
  requestedBy: string;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

type Row = {
  id: string;
  scope: 'stream' | 'all';
  stream_id: string | null;
  status: VerificationStatus;
  checked_streams: number;
  total_streams: number;
  checked_events: number;
  invalid: VerificationRun['invalid'];
  cursor: string | null;
  cancel_requested: boolean;
  requested_by: string;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

const toRun = (row: Row): VerificationRun => ({
  id: row.id,
  scope: row.scope,
  streamId: row.stream_id,
  status: row.status,
  checkedStreams: row.checked_streams,
  totalStreams: row.total_streams,
  checkedEvents: row.checked_events,
  invalid: row.invalid,
  requestedBy: row.requested_by,
  error: row.error,
  createdAt: row.created_at.toISOString(),
  startedAt: row.started_at?.toISOString() ?? null,
  finishedAt: row.finished_at?.toISOString() ?? null,
});

const cursorSchema = z.object({
  createdAt: z.iso.datetime(),
  id: z.uuid(),
  back: z.literal(true).optional(),
});

/**
 * Hash-chain checks as records: one stream checked at once, or every stream as a job on the
 * queue, each with who asked, when, how far it got and which streams failed.
 */
export function createVerifications(ctx: StoreContext) {
  const pool = ctx.db.$client;
  const sql = asQueryable(pool);

  async function verifyOne({
    actor,
    streamId,
  }: {
    actor: Actor;
    streamId: string;
  }): Promise<VerifyResult> {
    const result = await verifyStream(ctx, { actor, streamId });
    const invalid =
      result.firstInvalidVersion === null
        ? []
        : [{ streamId, firstInvalidVersion: result.firstInvalidVersion }];
    await sql`
      insert into verification_runs (id, scope, stream_id, status, checked_streams, total_streams,
        checked_events, invalid, requested_by, started_at, finished_at)
      values (${randomUUID()}, 'stream', ${streamId}, 'succeeded', 1, 1, ${result.checkedEvents},
        ${JSON.stringify(invalid)}::jsonb, ${actorLabel(actor)}, now(), now())`;
    return result;
  }

  async function startAll({ actor }: { actor: Actor }): Promise<VerificationRun> {
    assertRole(actor, 'auditor');
    const id = randomUUID();
    const row = await pool.begin(async (tx) => {
      const [inserted] = await tx<Row[]>`
        insert into verification_runs (id, scope, status, requested_by)
        values (${id}, 'all', 'queued', ${actorLabel(actor)})
        on conflict do nothing returning *`;
      if (!inserted) {
        const [active] = await tx<{ id: string }[]>`
          select id from verification_runs where scope = 'all' and status in ('queued', 'running')`;
        throw conflict('A verification of every stream is already queued or running', {
          runId: active?.id,
        });
      }
      await tx`
        select graphile_worker.add_job(${VERIFY_TASK}, json_build_object('runId', ${id}::text),
          job_key => ${id}::text, max_attempts => ${MAX_PICKUPS})`;
      return inserted;
    });
    return toRun(row);
  }

  async function get({ actor, runId }: { actor: Actor; runId: string }) {
    assertRole(actor, 'auditor');
    const [row] = await sql<Row[]>`select * from verification_runs where id::text = ${runId}`;
    if (!row) throw notFound(`Verification ${runId} does not exist`);
    return toRun(row);
  }

  async function list({
    actor,
    streamId,
    limit,
    cursor,
  }: {
    actor: Actor;
    streamId?: string | undefined;
    limit?: number | undefined;
    cursor?: string | undefined;
  }) {
    assertRole(actor, 'auditor');
    const size = pageSize(limit, 20);
    const from = cursor ? decodeCursor(cursor, cursorSchema) : undefined;
    const back = from?.back === true;
    const rows = await sql<Row[]>`
      select * from verification_runs where true
        ${streamId ? sql`and stream_id = ${streamId}` : sql``}
        ${from ? sql`and (created_at, id) ${back ? sql`>` : sql`<`} (${from.createdAt}::timestamptz, ${from.id}::uuid)` : sql``}
      order by ${back ? sql`created_at asc, id asc` : sql`created_at desc, id desc`} limit ${size + 1}`;
    const { page, ...cursors } = keysetPage(rows, {
      limit: size,
      back,
      continued: from !== undefined,
      keyOf: (row) => ({ createdAt: row.created_at.toISOString(), id: row.id }),
    });
    return { runs: page.map(toRun), ...cursors };
  }

  async function cancel({ actor, runId }: { actor: Actor; runId: string }) {
    assertRole(actor, 'auditor');
    const [row] = await sql<Row[]>`
      update verification_runs set cancel_requested = true,
        status = case when status = 'queued' then 'cancelled' else status end,
        finished_at = case when status = 'queued' then now() else finished_at end
      where id::text = ${runId} and scope = 'all' and status in ('queued', 'running')
      returning *`;
    if (!row) {
      const run = await get({ actor, runId });
      throw conflict(`Verification ${runId} has already ended: ${run.status}`, {
        status: run.status,
      });
    }
    return toRun(row);
  }

  return { verifyOne, startAll, get, list, cancel };
}

export type Verifications = ReturnType<typeof createVerifications>;

/**
 * The job: every stream in stream id order, a batch at a time, progress and findings saved
 * after each batch so that a worker taking over a dead one's job resumes where it stopped.
 */
export async function runVerifyAll(ctx: StoreContext, runId: string): Promise<void> {
  const sql = asQueryable(ctx.db.$client);
  const [run] = await sql<Row[]>`
    update verification_runs set status = 'running', started_at = coalesce(started_at, now()),
      total_streams = (select count(*) from streams)
    where id::text = ${runId} and status in ('queued', 'running') returning *`;
  if (!run) return;
  let cursor = run.cursor;
  try {
    for (;;) {
      const streams = await sql<{ stream_id: string }[]>`
        select stream_id from streams
        where ${cursor === null ? sql`true` : sql`stream_id > ${cursor}`}
        order by stream_id limit ${STREAMS_PER_BATCH}`;
      if (streams.length === 0) break;
      const results: VerifyResult[] = [];
      for (const { stream_id } of streams) {
        results.push(await verifyStream(ctx, { actor: systemActor, streamId: stream_id }));
      }
      cursor = streams.at(-1)!.stream_id;
      const invalid = results
        .filter((r) => r.firstInvalidVersion !== null)
        .map((r) => ({ streamId: r.streamId, firstInvalidVersion: r.firstInvalidVersion! }));
      const [saved] = await sql<{ cancel_requested: boolean }[]>`
        update verification_runs set cursor = ${cursor},
          checked_streams = checked_streams + ${results.length},
          checked_events = checked_events + ${results.reduce((n, r) => n + r.checkedEvents, 0)},
          invalid = invalid || ${JSON.stringify(invalid)}::jsonb
        where id = ${run.id} returning cancel_requested`;
      if (saved!.cancel_requested) return finish(sql, run.id, 'cancelled');
    }
    await finish(sql, run.id, 'succeeded');
  } catch (error) {
    await finish(sql, run.id, 'failed', error instanceof Error ? error.message : String(error));
  }
}

const finish = async (
  sql: ReturnType<typeof asQueryable>,
  id: string,
  status: VerificationStatus,
  error: string | null = null,
) => {
  await sql`
    update verification_runs set status = ${status}, error = ${error}, finished_at = now()
    where id = ${id} and status not in ${sql(FINAL as VerificationStatus[])}`;
};
