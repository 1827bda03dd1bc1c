import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, notice, pageAs, signIn, signedOutPage } from './support/accounts';
import { waitForHydration } from './support/api';
import { auditRows } from './support/audit';
import { createWorkflow, runCommands, uniqueName } from './support/research-api';

const DIR = '/tmp/screens';

const shoot = async (page: Page, name: string, path: string, act?: () => Promise<void>) => {
  await page.goto(path);
  if (!path.startsWith('/sign-in')) await waitForHydration(page);
  await act?.();
  await page.screenshot({ path: `${DIR}/${name}.png` });
};

/** Not a test: pictures of the sign-in, account, users, tokens and audit pages. */
test('screenshots of the access-control pages', async ({ page, browser, request }) => {
  mkdirSync(DIR, { recursive: true });
  const workflowId = await createWorkflow(request, uniqueName('Screens access'));
  await runCommands(request, workflowId, [{ command: 'start' }]);

  const signedOut = await signedOutPage(browser);
  await shoot(signedOut, 'sign-in', '/sign-in');
  await signIn(signedOut, { email: ACCOUNTS.auditor.email, password: 'wrong password here' });
  await expect(notice(signedOut)).toBeVisible();
  await signedOut.screenshot({ path: `${DIR}/sign-in-failed.png` });
  await signedOut.context().close();

  await shoot(page, 'users', '/users');
  await shoot(page, 'tokens', '/tokens', async () => {
    await page.getByLabel('Name').fill(uniqueName('reporting job'));
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('token-secret').waitFor();
  });
  await shoot(page, 'account', '/account');
  await shoot(page, 'audit', '/audit');
  await shoot(page, 'audit-detail', '/audit?action=WorkflowCommand,SignIn', async () => {
    await auditRows(page).first().getByRole('button').first().click();
  });

  const auditor = await pageAs(browser, 'auditor');
  await shoot(auditor, 'auditor-workflow', `/workflows/${workflowId}`);
  await shoot(auditor, 'not-allowed', '/users');
  await auditor.context().close();
});
