import { expect, test } from '@playwright/test';
import { appendEvents, uniqueCategory, waitForHydration } from './support/api';

test.describe('Stream page', () => {
  let streamId: string;

  test.beforeAll(async ({ request }) => {
    streamId = `${uniqueCategory()}-ledger.v1`;
    await appendEvents(
      request,
      streamId,
      Array.from({ length: 120 }, (_, i) => ({
        type: i % 2 === 0 ? 'EntryOpened' : 'EntryClosed',
        data: { entry: i + 1, detail: { note: `entry number ${i + 1}` } },
      })),
    );
  });

  const summary = (text: string) => `Versions ${text} of 120`;

  test('pages newest first, then oldest first, with a chosen page size', async ({ page }) => {
    await page.goto(`/streams/${encodeURIComponent(streamId)}`);
    await expect(page.getByRole('heading', { name: streamId })).toBeVisible();
    await expect(page.getByText(summary('120–71'))).toBeVisible();

    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page.getByText(summary('70–21'))).toBeVisible();
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page.getByText(summary('20–1'))).toBeVisible();
    await expect(page.getByRole('link', { name: 'Next' })).toHaveCount(0);

    await page.getByRole('link', { name: 'Oldest first' }).click();
    await expect(page).toHaveURL(/direction=forward/);
    await expect(page.getByText(summary('1–50'))).toBeVisible();
    await page.getByRole('group', { name: 'Per page' }).getByRole('link', { name: '25' }).click();
    await expect(page.getByText(summary('1–25'))).toBeVisible();
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page.getByText(summary('26–50'))).toBeVisible();
  });

  test('expands an event to its JSON data and full hashes', async ({ page }) => {
    await page.goto(`/streams/${encodeURIComponent(streamId)}?direction=forward&limit=25`);
    await waitForHydration(page);
    await page.getByRole('button', { name: `Show event ${streamId}@3` }).click();

    const data = page.getByRole('tree', { name: 'Data', exact: true });
    await expect(data).toContainText(/"entry":\s*3/);
    await expect(data).toContainText(/"note":\s*"entry number 3"/);
    await expect(page.getByText('Previous hash')).toBeVisible();

    await page.getByRole('table').getByRole('button', { name: 'Collapse all' }).click();
    // Nested values fold away; the top-level fields stay readable.
    await expect(data).not.toContainText('entry number 3');
    await expect(data).toContainText(/"entry":\s*3/);
    await page.getByRole('table').getByRole('button', { name: 'Expand all' }).click();
    await expect(data).toContainText(/"note":\s*"entry number 3"/);
  });

  test('verifies the hash chain', async ({ page }) => {
    await page.goto(`/streams/${encodeURIComponent(streamId)}`);
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect(page.getByText('Chain valid: 120 events')).toBeVisible();
  });

  test('answers an unknown stream with a not-found page', async ({ page }) => {
    const response = await page.goto(`/streams/${encodeURIComponent(`${streamId}-missing`)}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText('Stream not found')).toBeVisible();
  });
});
