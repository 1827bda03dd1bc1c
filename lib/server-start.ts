import { logger } from './logger';
import { getRuntime } from './runtime';

/** Runs once per server process: database (embedded or not) and migrations before any request. */
export async function startServer(): Promise<void> {
  const runtime = await getRuntime();
  logger().info({ embedded: runtime.embedded }, 'chronicle ready');
}
