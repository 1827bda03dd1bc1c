import { consoleActor } from './console-actor';
import { logger } from './logger';
import { getRuntime } from './runtime';

const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

/** Runs once per server process: database (embedded or not) and migrations before any request. */
export async function startServer(): Promise<void> {
  const runtime = await getRuntime();
  logger().info({ embedded: runtime.embedded }, 'chronicle ready');
  setInterval(() => {
    runtime.chronicle
      .cleanupSnapshots({ actor: consoleActor })
      .then(({ removed }) => logger().info({ removed }, 'snapshot cleanup'))
      .catch((error: unknown) => logger().error({ err: error }, 'snapshot cleanup failed'));
  }, CLEANUP_INTERVAL_MS).unref();
}
