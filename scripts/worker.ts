import { startBackgroundWorker } from '../lib/background-worker';
import { logger } from '../lib/logger';
import { getRuntime } from '../lib/runtime';
import { surviveStrayConnectionFailures } from '../lib/stray-rejections';

/**
 * `npm run worker`: replays and async projections without the web app, for deployments that
 * keep them apart (start the app with CHRONICLE_WORKER=false). Any number may share a database.
 */
async function main() {
  surviveStrayConnectionFailures((reason) =>
    logger().warn({ err: reason }, 'a database connection ended while it was being opened'),
  );
  const runtime = await getRuntime();
  const worker = await startBackgroundWorker(runtime);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    worker
      .stop()
      .then(() => runtime.close())
      .catch((error: unknown) => logger().error({ err: error }, 'worker shutdown failed'))
      .finally(() => process.exit(0));
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger().error({ err: error }, 'worker failed to start');
  process.exit(1);
});
