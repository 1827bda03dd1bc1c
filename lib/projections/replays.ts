import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { actorLabel, assertRole, type Actor } from '../actor';
import { conflict, notFound, unprocessable } from '../errors';
import type postgres from 'postgres';
import { asQueryable } from '../event-store/context';
import { decodeCursor, keysetPage } from '../event-store/cursor';
import { pageSize } from '../event-store/limits';
import { projectionNamed } from './catalog';
import type { Projection } from './projection';
import { findReplay, notifyReplay, toReplayView, type ReplayRow } from './replay-rows';
import { FINAL_REPLAY_STATUSES, type ReplayMode, type ReplayView } from './views';

export const REPLAY_TASK = 'replay';
const MAX_PICKUPS = 100;

const cursorSchema = z.object({
  createdAt: z.iso.datetime(),
  id: z.uuid(),
  back: z.literal(true).optional(),
});

/** Replays as records: launched (recorded and enqueued in one transaction), read, cancelled. */
export function createReplays(pool: postgres.Sql, projections: readonly Projection[]) {
  const sql = asQueryable(pool);
  async function get({ actor, replayId }: { actor: Actor; replayId: string }) {
    assertRole(actor, 'auditor');
    const row = await findReplay(sql, replayId);
    if (!row) throw notFound(`Replay ${replayId} does not exist`);
    return toReplayView(row);
  }

  async function start({
    actor,
    projection: name,
    mode,
  }: {
    actor: Actor;
    projection: string;
    mode: ReplayMode;
  }): Promise<ReplayView> {
    assertRole(actor, 'operator');
    const projection = projectionNamed(projections, name);
    if (mode === 'incremental' && projection.kind === 'inline') {
      throw unprocessable(
        `${name} is an inline projection, current with every append: rebuild it in full instead`,
        [{ path: 'mode', message: 'incremental replays are for async projections' }],
      );
    }
    const id = randomUUID();
    const row = await pool.begin(async (tx) => {
      const [active] = await tx<{ id: string }[]>`
        select id from replays where projection = ${name} and status in ('queued', 'running')`;
      if (active) {
        throw conflict(`A replay of ${name} is already queued or running`, {
          replayId: active.id,
        });
      }
      const [inserted] = await tx<ReplayRow[]>`
        insert into replays (id, projection, mode, status, launched_by)
        values (${id}, ${name}, ${mode}, 'queued', ${actorLabel(actor)})
        on conflict do nothing
        returning *`;
      if (!inserted) throw conflict(`A replay of ${name} is already queued or running`);
      // Each pick-up counts as an attempt, and a worker that dies mid-replay costs one: the
      // replay itself resumes from its last batch, so a crash-looping fleet gets many tries.
      await tx`
        select graphile_worker.add_job(${REPLAY_TASK}, json_build_object('replayId', ${id}::text),
          job_key => ${id}::text, max_attempts => ${MAX_PICKUPS})`;
      await notifyReplay(tx, id);
      return inserted;
    });
    return toReplayView(row);
  }

  async function list({
    actor,
    projection,
    limit,
    cursor,
  }: {
    actor: Actor;
    projection?: string;
    limit?: number;
    cursor?: string;
  }) {
    assertRole(actor, 'auditor');
    const size = pageSize(limit, 20);
    const after = cursor ? decodeCursor(cursor, cursorSchema) : undefined;
    const back = after?.back === true;
    const rows = await sql<ReplayRow[]>`
      select * from replays where true
        ${projection ? sql`and projection = ${projection}` : sql``}
        ${after ? sql`and (created_at, id) ${back ? sql`>` : sql`<`} (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``}
      order by ${back ? sql`created_at asc, id asc` : sql`created_at desc, id desc`} limit ${size + 1}`;
    const { page, ...cursors } = keysetPage(rows, {
      limit: size,
      back,
      continued: after !== undefined,
      keyOf: (row) => ({ createdAt: row.created_at.toISOString(), id: row.id }),
    });
    return { replays: page.map(toReplayView), ...cursors };
  }

  /** A queued replay ends at once; a running one at its next batch, dropping its shadows. */
  async function cancel({ actor, replayId }: { actor: Actor; replayId: string }) {
    assertRole(actor, 'operator');
    const row = await pool.begin(async (tx) => {
      const [found] = await tx<ReplayRow[]>`
        select * from replays where id::text = ${replayId} for update`;
      if (!found) throw notFound(`Replay ${replayId} does not exist`);
      if (FINAL_REPLAY_STATUSES.includes(found.status)) {
        throw conflict(`Replay ${replayId} has already ended: ${found.status}`, {
          status: found.status,
        });
      }
      const [updated] = await tx<ReplayRow[]>`
        update replays set cancel_requested = true,
          status = case when status = 'queued' then 'cancelled' else status end,
          finished_at = case when status = 'queued' then now() else finished_at end
        where id = ${found.id} returning *`;
      if (found.status === 'queued') await tx`select graphile_worker.remove_job(${found.id}::text)`;
      await notifyReplay(tx, found.id);
      return updated!;
    });
    return toReplayView(row);
  }

  return { get, start, list, cancel };
}

export type Replays = ReturnType<typeof createReplays>;
