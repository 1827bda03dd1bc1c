import { env } from './env';
import { digestCrontab, integrityTasks } from './integrity/tasks';
import { retentionTasks, scavengeCrontab } from './retention/tasks';
import { logger } from './logger';
import { startWorker } from './projections/worker';
import type { Runtime } from './runtime';

/** Replays from the job queue and the async projections' runners, for this process. */
export async function startBackgroundWorker(runtime: Runtime) {
  const { chronicle, databaseUrl } = runtime;
  const worker = await startWorker({
    ctx: chronicle.store.context,
    databaseUrl,
    projections: chronicle.projectionCatalog,
    concurrency: env().CHRONICLE_WORKER_CONCURRENCY,
    replay: { batchSize: env().CHRONICLE_REPLAY_BATCH_SIZE },
    tasks: {
      ...integrityTasks(chronicle.store.context, chronicle.integrity),
      ...retentionTasks(chronicle),
    },
    crontab: [
      chronicle.integrity.publicKey ? digestCrontab(env().CHRONICLE_DIGEST_CRON) : undefined,
      scavengeCrontab(env().CHRONICLE_SCAVENGE_CRON),
    ]
      .filter((line) => line !== undefined)
      .join('\n'),
    log: {
      info: (o, msg) => logger().info(o, msg),
      error: (o, msg) => logger().error(o, msg),
    },
  });
  logger().info(
    { lock: worker.lock },
    'worker started: replays, async projections, verifications, digests and retention',
  );
  return worker;
}
