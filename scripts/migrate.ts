import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded';
import { runMigrations } from '../db/migrate';
import { env } from '../lib/env';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
async function main() {
  const config = env();
  let server: EmbeddedServer | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    server = await startEmbeddedPostgres({ dataDir: config.CHRONICLE_DATA_DIR, port: config.CHRONICLE_EMBEDDED_PORT });
    url = server.url;
  }
  try {
    await runMigrations({ url });
    console.log(`migrations applied (${server ? `embedded database in ${config.CHRONICLE_DATA_DIR}` : 'DATABASE_URL'})`);
  } finally {
    await server?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
