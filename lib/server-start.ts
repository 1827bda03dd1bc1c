import { systemActor } from './actor';
import { startBackgroundWorker } from './background-worker';
import { env } from './env';
import { logger } from './logger';
import { getRuntime } from './runtime';

const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;
const AUDIT_MOVE_INTERVAL_MS = 250;

/**
 * Runs once per server process: database (embedded or not) and migrations before any request,
 * the first admin account when one is configured, and the background work.
 */
export async function startServer(): Promise<void> {
  const runtime = await getRuntime();
  const { chronicle } = runtime;
  const config = env();
  if (config.CHRONICLE_ADMIN_EMAIL && config.CHRONICLE_ADMIN_PASSWORD) {
    const { user, created } = await chronicle.accounts.ensureUser({
      email: config.CHRONICLE_ADMIN_EMAIL,
      name: 'Administrator',
      role: 'admin',
      password: config.CHRONICLE_ADMIN_PASSWORD,
    });
    logger().info({ email: user.email, created }, 'first admin account');
  }
  if (config.CHRONICLE_WORKER) await startBackgroundWorker(runtime);
  logger().info({ embedded: runtime.embedded }, 'chronicle ready');
  setInterval(() => {
    chronicle
      .cleanupSnapshots({ actor: systemActor })
      .then(({ removed }) => logger().info({ removed }, 'snapshot cleanup'))
      .catch((error: unknown) => logger().error({ err: error }, 'snapshot cleanup failed'));
  }, CLEANUP_INTERVAL_MS).unref();
  // The audit outbox drains into the $audit streams; a slow move never overlaps the next.
  const moveAudit = () => {
    chronicle.audit
      .move()
      .catch((error: unknown) => logger().error({ err: error }, 'moving audit events failed'))
      .finally(() => setTimeout(moveAudit, AUDIT_MOVE_INTERVAL_MS).unref());
  };
  moveAudit();
}
