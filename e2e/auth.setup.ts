import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test as setup } from '@playwright/test';
import { ACCOUNTS, signInFully, storageStateOf, type Role } from './support/accounts';

/** The embedded PostgreSQL of the e2e server (playwright.config.ts). */
const E2E_DATABASE = 'postgres://postgres:postgres@127.0.0.1:55433/postgres';

/**
 * The operator and the auditor, made with the CLI as an operator of Chronicle would; a second
 * run on the same data directory finds them already there.
 */
function createAccount(role: Exclude<Role, 'admin'>) {
  const { email, password, name } = ACCOUNTS[role];
  try {
    execFileSync(
      'npm',
      ['run', '--silent', 'user:create', '--', '--email', email, '--role', role, '--name', name],
      {
        input: `${password}\n`,
        env: { ...process.env, DATABASE_URL: E2E_DATABASE, LOG_LEVEL: 'warn' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    if (!stderr.includes('already has an account')) throw error;
  }
}

setup('accounts for each role, signed in through the sign-in page', async ({ browser }) => {
  setup.setTimeout(120_000);
  createAccount('operator');
  createAccount('auditor');
  for (const role of ['admin', 'operator', 'auditor'] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInFully(page, ACCOUNTS[role]);
    const file = storageStateOf(role);
    mkdirSync(path.dirname(file), { recursive: true });
    await context.storageState({ path: file });
    await context.close();
  }
});
