import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { ACCOUNTS, storageStateOf } from './e2e/support/accounts';
import { E2E_TOKEN } from './e2e/support/api';

const PORT = 3100;
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The built app against its embedded PostgreSQL (no DATABASE_URL), in a data directory of its
 * own. Specs write their data through the REST API under a category unique to the run, so they
 * can run in any order, in parallel and again on the same data directory. The setup project
 * signs each role in once (e2e/auth.setup.ts); specs run as the admin unless they say otherwise.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    ...(existsSync(SYSTEM_CHROMIUM)
      ? {
          launchOptions: {
            executablePath: SYSTEM_CHROMIUM,
            args: [
              '--no-sandbox',
              '--disable-gpu',
              '--disable-background-networking',
              '--disable-component-update',
              '--disable-sync',
              '--disable-quic',
            ],
          },
        }
      : {}),
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    {
      name: 'console',
      testIgnore: /screenshots\.spec\.ts/,
      dependencies: ['setup'],
      use: { storageState: storageStateOf('admin') },
    },
    // Pictures of each page for a person to look at, not a test of the build:
    // `SCREENSHOTS=1 npx playwright test --project screenshots` writes them to /tmp/screens.
    ...(process.env.SCREENSHOTS
      ? [
          {
            name: 'screenshots',
            testMatch: /screenshots\.spec\.ts/,
            dependencies: ['setup'],
            use: { storageState: storageStateOf('admin') },
          },
        ]
      : []),
  ],
  webServer: {
    // `npm start`'s server: it stamps each request with its socket's address (the client address).
    command: 'node server.mjs',
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      // Empty counts as unset: the run must exercise the embedded PostgreSQL path.
      DATABASE_URL: '',
      PORT: String(PORT),
      CHRONICLE_DATA_DIR: '.data/e2e',
      CHRONICLE_EMBEDDED_PORT: '55433',
      CHRONICLE_BOOTSTRAP_TOKEN: E2E_TOKEN,
      // The server makes this admin at start-up; auth.setup.ts adds the other roles.
      CHRONICLE_ADMIN_EMAIL: ACCOUNTS.admin.email,
      CHRONICLE_ADMIN_PASSWORD: ACCOUNTS.admin.password,
      // Every spec signs in from 127.0.0.1: the per-address limit must not be the one tested.
      CHRONICLE_SIGNIN_LIMIT: '1000',
      // Replays in small batches: a spec can watch one make progress and cancel it while it runs.
      CHRONICLE_REPLAY_BATCH_SIZE: '10',
      LOG_LEVEL: 'warn',
    },
  },
});
