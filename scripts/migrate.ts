import { runCli, withCliDatabase } from './cli-database';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
runCli(() =>
  withCliDatabase(async (_url, where) => {
    console.log(`migrations applied (${where})`);
  }),
);
