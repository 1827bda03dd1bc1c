import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { removeEmbeddedData } from '../db/embedded';

/**
 * `npm test`: type-check, lint, unit and integration tests (vitest, real PostgreSQL), build, and
 * the end-to-end tests (Playwright, real Chromium). Ends with one `N passed, N failed` line for
 * everything that ran, which CI reads.
 */
type Counts = { passed: number; failed: number; skipped: number };

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const passed = result.status === 0;
  if (!passed) {
    ok = false;
    console.log(`✖ ${label} failed`);
  }
  return passed;
}

function add(file: string, read: (json: unknown) => Counts) {
  if (!existsSync(file)) return;
  const counts = read(JSON.parse(readFileSync(file, 'utf8')));
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}

const node = process.execPath;
rmSync('.test-results', { recursive: true, force: true });

const checked = run('type-check', node, ['node_modules/typescript/bin/tsc', '--noEmit']);
const linted = run('lint', node, ['node_modules/eslint/bin/eslint.js', '--max-warnings', '0', '.']);
const documented = run('OpenAPI lint', node, [
  'node_modules/tsx/dist/cli.mjs',
  'scripts/lint-openapi.ts',
]);
if (!checked || !linted || !documented) total.failed += 1;
run('unit and integration tests', node, ['node_modules/vitest/vitest.mjs', 'run']);
add('.test-results/vitest.json', (json) => json as Counts);
if (run('build', node, ['node_modules/next/dist/bin/next', 'build'])) {
  removeEmbeddedData('.data/e2e');
  run('end-to-end tests', node, ['node_modules/@playwright/test/cli.js', 'test']);
  add('.test-results/playwright.json', (json) => {
    const stats = (
      json as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }
    ).stats;
    return {
      passed: stats.expected + stats.flaky,
      failed: stats.unexpected,
      skipped: stats.skipped,
    };
  });
} else {
  total.failed += 1;
}

if (!ok && total.failed === 0) total.failed = 1;
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok ? 0 : 1);
