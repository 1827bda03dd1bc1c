import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { isDatabaseUnavailable } from './lib/database-unavailable';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', '.data/**'],
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // The stray rejection of a connection the server ended while postgres.js fetched its types
    // (lib/stray-rejections.ts): the fault tests end connections on purpose; the query that
    // opened the connection gets the same error, and the tests check what it answered.
    onUnhandledError: (error) => !isDatabaseUnavailable(error),
  },
});
