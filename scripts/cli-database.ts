import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded';
import { runMigrations } from '../db/migrate';
import { env } from '../lib/env';

/**
 * Runs a command-line task against DATABASE_URL, or else the embedded database of
 * CHRONICLE_DATA_DIR (which must not be running already: stop `npm run demo` first, or point
 * DATABASE_URL at the URL it prints), with migrations applied.
 */
export async function withCliDatabase<T>(
  task: (url: string, where: string) => Promise<T>,
): Promise<T> {
  const config = env();
  let server: EmbeddedServer | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    server = await startEmbeddedPostgres({
      dataDir: config.CHRONICLE_DATA_DIR,
      port: config.CHRONICLE_EMBEDDED_PORT,
    });
    url = server.url;
  }
  try {
    await runMigrations({ url });
    return await task(
      url,
      server ? `embedded database in ${server.databaseDir}` : 'DATABASE_URL',
    );
  } finally {
    await server?.stop();
  }
}

export function runCli(main: () => Promise<void>) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
