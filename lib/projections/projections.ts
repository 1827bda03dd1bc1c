import { assertRole, type Actor } from '../actor';
import { conflict, notFound } from '../errors';
import type { Queryable, StoreContext } from '../event-store/context';
import { HORIZON } from '../event-store/read-all';
import { findFailure, heldEvents, listFailures, messageOf, type FailureRow } from './failures';
import { lockProjection } from './lock';
import { liveTables, type Projection } from './projection';
import { projectionNamed } from './catalog';
import type { EventStatsBucket, ProjectionView } from './views';

/** Lag is counted up to this many events; beyond, the console says "more than". */
const LAG_COUNT_LIMIT = 1_000_000;

type StateRow = {
  position: number;
  status: ProjectionView['status'];
  last_error: string | null;
  rebuilt_at: Date | null;
  failures: number;
  active_replay: string | null;
  head: number;
  lag_events: number;
  lag_seconds: number | null;
};

type FailureArgs = { actor: Actor; projection: string; failureId: string };

/** Projections as operators see them: state, lag, failures, and what to do about failures. */
export function createProjections(ctx: StoreContext, projections: readonly Projection[]) {
  const sql = ctx.sql;

  async function state(projection: Projection): Promise<ProjectionView> {
    const categories = projection.categories ? [...projection.categories] : null;
    // An inline projection is current with every commit: there is nothing to count.
    const [row] = await sql<StateRow[]>`
      with p as (
        select coalesce((select position from projections where name = ${projection.name}), 0) as position
      ), h as (select ${sql.unsafe(HORIZON)} as horizon),
      pending as (
        select e.global_position, e.recorded_at from events e, p, h
        where not ${projection.kind === 'inline'}::boolean
          and e.global_position > p.position and e.global_position < h.horizon
          and (${categories}::text[] is null or e.category = any(${categories}::text[]))
        order by e.global_position limit ${LAG_COUNT_LIMIT}
      )
      select p.position,
        coalesce(pr.status, 'running') as status, pr.last_error, pr.rebuilt_at,
        (select count(*) from projection_failures f
          where f.projection = ${projection.name} and f.status in ('failed', 'parked'))::int as failures,
        (select id from replays r where r.projection = ${projection.name}
          and r.status in ('queued', 'running')) as active_replay,
        greatest(h.horizon - 1, 0) as head,
        (select count(*) from pending)::bigint as lag_events,
        extract(epoch from now() - (select min(recorded_at) from pending))::float8 as lag_seconds
      from p cross join h left join projections pr on pr.name = ${projection.name}`;
    const inline = projection.kind === 'inline';
    return {
      name: projection.name,
      kind: projection.kind,
      version: projection.version,
      description: projection.description,
      status: row!.status,
      policy: projection.policy,
      position: inline ? row!.head : row!.position,
      lag: inline
        ? { events: 0, seconds: 0 }
        : { events: row!.lag_events, seconds: Math.max(0, row!.lag_seconds ?? 0) },
      lastError: row!.last_error,
      failures: row!.failures,
      rebuiltAt: row!.rebuilt_at?.toISOString() ?? null,
      activeReplayId: row!.active_replay,
    };
  }

  async function list({ actor }: { actor: Actor }): Promise<ProjectionView[]> {
    assertRole(actor, 'auditor');
    return Promise.all(projections.map(state));
  }

  async function failures({ actor, projection }: { actor: Actor; projection: string }) {
    assertRole(actor, 'auditor');
    return listFailures(sql, projectionNamed(projections, projection).name);
  }

  /** Acts on a recorded failure under the projection's lock, which its runner waits for. */
  async function onFailure<T>(
    { actor, projection: name, failureId }: FailureArgs,
    act: (tx: Queryable, projection: Projection, failure: FailureRow) => Promise<T>,
  ): Promise<T> {
    assertRole(actor, 'operator');
    const projection = projectionNamed(projections, name);
    const result = await ctx.db.$client.begin(async (tx) => {
      await lockProjection(tx, name);
      const failure = await findFailure(tx, name, failureId);
      if (!failure) throw notFound(`Failure ${failureId} of ${name} does not exist`);
      return act(tx, projection, failure);
    });
    return result as T;
  }

  /**
   * Applies a failed event again, with the events of its stream parked behind it (policy
   * `park`), or lets the runner try it again from the checkpoint (policy `stop`). Reports
   * whether it went through; a failure that persists stays recorded, with one more attempt.
   */
  async function retry(args: FailureArgs) {
    return onFailure(args, async (tx, projection, failure) => {
      const { name } = projection;
      if (failure.status === 'skipped') throw conflict(`That event was skipped`);
      if (projection.policy === 'stop') {
        await tx`delete from projection_failures where id = ${failure.id}`;
        await tx`update projections set status = 'running', last_error = null where name = ${name}`;
        return { retried: 1, error: null };
      }
      const events = await heldEvents({ ...ctx, sql: tx }, name, failure.stream_id);
      try {
        await tx.savepoint((sp) => projection.apply(sp, events, liveTables(projection)));
      } catch (error) {
        await tx`
          update projection_failures set attempts = attempts + 1, error = ${messageOf(error)}
          where projection = ${name} and stream_id = ${failure.stream_id} and status = 'failed'`;
        return { retried: 0, error: messageOf(error) };
      }
      await tx`
        delete from projection_failures
        where projection = ${name} and stream_id = ${failure.stream_id}
          and status in ('failed', 'parked')`;
      await clearErrorIfNone(tx, name);
      return { retried: events.length, error: null };
    });
  }

  /** Gives up on a failed event: the projection goes on without it. */
  async function skip(args: FailureArgs) {
    return onFailure(args, async (tx, projection, failure) => {
      const { name } = projection;
      if (failure.status !== 'failed') throw conflict(`Only a failed event can be skipped`);
      await tx`update projection_failures set status = 'skipped' where id = ${failure.id}`;
      if (projection.policy === 'stop') {
        await tx`
          update projections set position = greatest(position, ${failure.global_position}),
            status = 'running', last_error = null
          where name = ${name}`;
        return { skipped: true, error: null };
      }
      const events = await heldEvents({ ...ctx, sql: tx }, name, failure.stream_id);
      try {
        await tx.savepoint((sp) => projection.apply(sp, events, liveTables(projection)));
        await tx`
          delete from projection_failures
          where projection = ${name} and stream_id = ${failure.stream_id} and status = 'parked'`;
      } catch (error) {
        await tx`
          update projection_failures set status = 'failed', error = ${messageOf(error)}, attempts = 1
          where projection = ${name} and global_position = ${events[0]!.position}`;
        return { skipped: true, error: messageOf(error) };
      }
      await clearErrorIfNone(tx, name);
      return { skipped: true, error: null };
    });
  }

  async function eventStats({
    actor,
    from,
    to,
    bucket,
  }: {
    actor: Actor;
    from: Date;
    to: Date;
    bucket: 'hour' | 'day';
  }): Promise<EventStatsBucket[]> {
    assertRole(actor, 'auditor');
    const rows = await sql<{ at: Date; category: string; events: number }[]>`
      select date_trunc(${bucket}, hour, 'UTC') as at, category, sum(events)::bigint as events
      from event_stats_hourly
      where hour >= ${from.toISOString()}::timestamptz and hour < ${to.toISOString()}::timestamptz
      group by 1, 2 order by 1, 2`;
    return rows.map((row) => ({
      at: row.at.toISOString(),
      category: row.category,
      events: row.events,
    }));
  }

  return { list, failures, retry, skip, eventStats };
}

async function clearErrorIfNone(sql: StoreContext['sql'], name: string) {
  await sql`
    update projections set last_error = null where name = ${name} and not exists (
      select 1 from projection_failures where projection = ${name} and status = 'failed')`;
}

export type Projections = ReturnType<typeof createProjections>;
