import { randomInt } from 'node:crypto';
import { Logger, run, type Runner, type TaskList } from 'graphile-worker';
import postgres from 'postgres';
import { z } from 'zod';
import type { StoreContext } from '../event-store/context';
import type { RecordedEvent } from '../event-store/types';
import { follow } from './follow';
import type { Projection } from './projection';
import { runReplay, type ReplayOptions } from './replay-job';
import { REPLAY_TASK } from './replays';

export type WorkerOptions = {
  ctx: StoreContext;
  databaseUrl: string;
  projections: readonly Projection[];
  /** Replays run at once by this process. */
  concurrency?: number;
  /** Whether this process also runs the async projections' runners. */
  runProjections?: boolean;
  replay?: ReplayOptions;
  /** How often to look for replays whose worker died. */
  rescueEveryMs?: number;
  log: { info: (o: object, msg: string) => void; error: (o: object, msg: string) => void };
  onApplied?: (projection: Projection, events: RecordedEvent[]) => void;
  /** More jobs this process runs, and when recurring ones are due (graphile-worker crontab). */
  tasks?: TaskList;
  crontab?: string;
};

const payloadSchema = z.object({ replayId: z.uuid() });

/**
 * The background work of a process: replays taken from the job queue, and the runners of the
 * async projections. Several processes on several machines may run it; each holds a session
 * advisory lock while alive, so a replay whose worker's lock is free was left by a dead worker
 * and is handed back to the queue at once, instead of after the queue's four-hour lease.
 */
export async function startWorker({
  ctx,
  databaseUrl,
  projections,
  concurrency = 2,
  runProjections = true,
  replay,
  rescueEveryMs = 5_000,
  log,
  onApplied,
  tasks = {},
  crontab,
}: WorkerOptions) {
  const lock = randomInt(1, 2 ** 47);
  const life = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const held = await life.reserve();
  await held`select pg_advisory_lock(${lock})`;

  const rescue = async () => {
    const orphans = await ctx.sql<{ worker_id: string; worker_lock: number }[]>`
      select distinct worker_id, worker_lock from replays
      where status = 'running' and worker_lock <> ${lock} and worker_id is not null`;
    for (const orphan of orphans) {
      const dead = await ctx.db.$client.begin(async (tx) => {
        const [row] = await tx<{ free: boolean }[]>`
          select pg_try_advisory_xact_lock(${orphan.worker_lock}) as free`;
        return row!.free;
      });
      if (!dead) continue;
      await ctx.sql`select graphile_worker.force_unlock_workers(${[orphan.worker_id]})`;
      log.info({ workerId: orphan.worker_id }, 'replays of a dead worker handed back to the queue');
    }
  };
  await rescue();

  const runner: Runner = await run({
    connectionString: databaseUrl,
    concurrency,
    maxPoolSize: concurrency + 2,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: new Logger(() => (level, message, meta) => {
      if (level === 'error' || level === 'warning') log.error({ ...meta, level }, message);
    }),
    ...(crontab ? { crontab } : {}),
    taskList: {
      ...tasks,
      [REPLAY_TASK]: async (payload, helpers) => {
        const { replayId } = payloadSchema.parse(payload);
        const workerId = helpers.job.locked_by ?? 'unknown';
        await runReplay(ctx, projections, replayId, { workerId, lock }, replay);
      },
    },
  });

  const stop = new AbortController();
  const followers = runProjections
    ? projections
        .filter((projection) => projection.kind === 'async')
        .map((projection) =>
          follow(ctx, projection, {
            signal: stop.signal,
            onApplied,
            onError: (p, error) =>
              log.error({ err: error, projection: p.name }, 'projection batch failed'),
          }),
        )
    : [];
  const rescuer = setInterval(() => {
    rescue().catch((error: unknown) => log.error({ err: error }, 'replay rescue failed'));
  }, rescueEveryMs);
  rescuer.unref();

  return {
    lock,
    async stop() {
      clearInterval(rescuer);
      stop.abort();
      await Promise.all(followers);
      await runner.stop();
      held.release();
      await life.end({ timeout: 5 });
    },
  };
}

export type Worker = Awaited<ReturnType<typeof startWorker>>;
