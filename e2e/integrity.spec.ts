import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { appendEvents, uniqueCategory, waitForHydration } from './support/api';

test('an auditor takes a digest, exports a stream as evidence and the verifier checks it offline', async ({
  page,
  request,
}, testInfo) => {
  const streamId = `${uniqueCategory()}-evidence`;
  await appendEvents(request, streamId, [
    { type: 'CaseOpened', data: { title: 'Evidence', amount: 12.5 } },
    { type: 'CaseNoted', data: { note: 'ünïcödé ✓', tags: ['a', 'b'] } },
  ]);
  await page.goto('/integrity');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: 'Integrity', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Take a digest now' }).click();
  await expect(page.getByText(/events in [\d,]+ streams/)).toBeVisible();
  const publicKey = (await page
    .getByText(/^Public key/)
    .locator('.font-mono')
    .textContent())!;
  expect(publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);

  const form = page.getByRole('form', { name: 'Export evidence' });
  await form.getByLabel(/Stream ids/).fill(streamId);
  const download = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Export evidence' }).click();
  const file = testInfo.outputPath('evidence.ndjson');
  await (await download).saveAs(file);
  await expect(form.getByRole('status')).toContainText('Saved chronicle-evidence-');

  const verified = spawnSync(
    'node',
    ['bin/chronicle-verify.mjs', file, '--public-key', publicKey],
    {
      encoding: 'utf8',
    },
  );
  expect(verified.status, verified.stderr).toBe(0);
  expect(verified.stdout).toContain('valid: 2 events in 1 streams');

  await form.getByLabel(/Stream ids/).fill(`${uniqueCategory()}-missing`);
  await form.getByRole('button', { name: 'Export evidence' }).click();
  await expect(form.getByRole('alert')).toContainText('No stream');
});

test('verifying every stream runs as a job with progress and findings on record', async ({
  page,
}) => {
  await page.goto('/integrity');
  await waitForHydration(page);
  const checks = page.getByRole('table', { name: 'Chain checks' });
  const newest = checks.getByRole('row').nth(1);
  const before = (await checks.isVisible()) ? await newest.textContent() : null;
  const button = page.getByRole('button', { name: 'Verify all streams' });
  // Another spec may have a check of everything running (one at a time): try again once it ends.
  await expect(async () => {
    await button.click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'already queued or running' }),
    ).toHaveCount(0);
    await expect(newest).not.toHaveText(before ?? '', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(newest).toContainText('All streams');
  await expect(newest).toContainText('by admin@e2e.test');
  await expect(newest).toContainText('All chains intact', { timeout: 30_000 });
  await expect(newest).toContainText(/(\d+) of \1 streams/);
});
