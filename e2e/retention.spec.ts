import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { pageAs } from './support/accounts';
import { appendEvents, E2E_TOKEN, uniqueCategory, waitForHydration } from './support/api';

const auth = { Authorization: `Bearer ${E2E_TOKEN}` };

async function visibleVersions(request: APIRequestContext, streamId: string) {
  const response = await request.get(`/api/v1/streams/${encodeURIComponent(streamId)}/events`, {
    headers: auth,
  });
  expect(response.status()).toBe(200);
  const page = (await response.json()) as { version: number; events: { version: number }[] };
  return { version: page.version, versions: page.events.map((e) => e.version) };
}

test('an admin sets a rule, holds a stream, scavenges, and the chain still verifies from its anchor', async ({
  page,
  request,
}) => {
  const category = uniqueCategory();
  const streamId = `${category}-ledger`;
  await appendEvents(
    request,
    streamId,
    [1, 2, 3, 4, 5].map((n) => ({ type: 'EntryRecorded', data: { n } })),
  );

  await page.goto('/retention');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: 'Retention', level: 1 })).toBeVisible();
  await page.getByLabel('Category').fill(category);
  await page.getByLabel('Max events per stream').fill('2');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('row').filter({ hasText: category })).toContainText('2 newest');
  expect(await visibleVersions(request, streamId)).toEqual({ version: 5, versions: [4, 5] });

  // A legal hold from the stream page brings every event back.
  await page.goto(`/streams/${encodeURIComponent(streamId)}`);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Place legal hold' }).click();
  await expect(page.getByText('Legal hold', { exact: true })).toBeVisible();
  expect((await visibleVersions(request, streamId)).versions).toEqual([1, 2, 3, 4, 5]);

  await page.goto('/retention');
  await waitForHydration(page);
  const holds = page.getByRole('row').filter({ hasText: streamId });
  await expect(holds).toContainText('admin@e2e.test');
  await holds.getByRole('button', { name: 'Lift hold' }).click();
  await expect(holds).toHaveCount(0);
  expect((await visibleVersions(request, streamId)).versions).toEqual([4, 5]);

  await page.getByRole('button', { name: 'Scavenge now' }).click();
  const anchor = page.getByRole('row').filter({ hasText: streamId });
  await expect(async () => {
    await page.reload();
    await expect(anchor).toContainText('3', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  // The run's record reaches the page once the audit trail has moved it from its outbox.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('definition').filter({ hasText: /removed \d+ events from/ }),
    ).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  mkdirSync('/tmp/screens', { recursive: true });
  await page.screenshot({ path: '/tmp/screens/retention.png', fullPage: true });

  const verify = await request.get(`/api/v1/streams/${encodeURIComponent(streamId)}/verify`, {
    headers: auth,
  });
  expect(await verify.json()).toMatchObject({ valid: true, checkedEvents: 2, anchorVersion: 3 });

  const rule = page.getByRole('row').filter({
    has: page.getByRole('cell', { name: category, exact: true }),
  });
  await rule.getByRole('button', { name: 'Remove' }).click();
  await expect(rule).toHaveCount(0);
});

test('an auditor reads the Retention page but changes nothing', async ({ browser }) => {
  const page = await pageAs(browser, 'auditor');
  await page.goto('/retention');
  await expect(page.getByRole('heading', { name: 'Retention', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save rule' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Scavenge now' })).toHaveCount(0);
  await page.context().close();
});
