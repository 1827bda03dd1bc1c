import { expect, test, type Page } from '@playwright/test';
import { waitForHydration } from './support/api';
import { expectAuditTrail } from './support/audit';
import { uniqueName } from './support/research-api';

const tokenRow = (page: Page, name: string) =>
  page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: name });

test('an admin creates a token, shown once, that a program uses until it is revoked', async ({
  page,
  playwright,
  baseURL,
}) => {
  const name = uniqueName('nightly export');
  await page.goto('/tokens');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('A name is required')).toBeVisible();

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Role', { exact: true }).selectOption('auditor');
  await page.getByLabel('Expires').selectOption({ label: 'in 30 days' });
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByRole('status', { name: 'New token' });
  await expect(shown).toContainText('it is not shown again');
  const secret = (await page.getByTestId('token-secret').textContent())!;
  expect(secret).toMatch(/^chr_/);
  const row = tokenRow(page, name);
  await expect(row).toContainText('auditor');
  await expect(row).toContainText('never');
  const tokenId = (await row.getAttribute('id'))!.replace(/^token-/, '');

  // A program, with the token and no cookie.
  const program = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${secret}` },
  });
  expect((await program.get('/api/v1/streams?limit=1')).status()).toBe(200);
  const append = await program.post('/api/v1/streams/e2etoken-1/events', {
    data: { events: [{ type: 'Opened', data: {} }] },
  });
  expect(append.status()).toBe(403);

  await page.getByRole('button', { name: 'I have copied it' }).click();
  await expect(shown).toHaveCount(0);
  await page.reload();
  expect(await page.content()).not.toContain(secret);
  await expect(async () => {
    await page.reload();
    await expect(tokenRow(page, name).locator('td').nth(3)).not.toHaveText('never');
  }).toPass({ timeout: 10_000 });

  await waitForHydration(page);
  await tokenRow(page, name).getByRole('button', { name: 'Revoke' }).click();
  await page
    .getByRole('dialog', { name: `Revoke “${name}”?` })
    .getByRole('button', { name: 'Revoke token' })
    .click();
  await expect(tokenRow(page, name)).toHaveCount(0);
  expect((await program.get('/api/v1/streams?limit=1')).status()).toBe(401);
  await program.dispose();

  await expectAuditTrail(page, { target: `token:${tokenId}` }, [
    'TokenRevoke succeeded',
    'TokenCreate succeeded',
  ]);
  expect(await page.content()).not.toContain(secret);
});
