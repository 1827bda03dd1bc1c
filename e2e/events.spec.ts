import { expect, test } from '@playwright/test';
import { appendEvents, uniqueCategory } from './support/api';

test('the Events page filters the global log by type and links rows to their stream', async ({
  page,
  request,
}) => {
  const category = uniqueCategory();
  // Types unique to this run, so the filter's answer is known whatever else the log holds.
  const wanted = `Wanted${category}`;
  const other = `Other${category}`;
  await appendEvents(request, `${category}-a`, [
    { type: wanted, data: { n: 1 } },
    { type: other, data: { n: 2 } },
  ]);
  await appendEvents(request, `${category}-b`, [{ type: wanted, data: { n: 3 } }]);

  await page.goto('/events');
  await page.getByLabel('Event type').fill(wanted);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`type=${wanted}`));

  const rows = page.getByRole('table').getByRole('row').filter({ hasText: category });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(`${category}-a`);
  await expect(rows.nth(1)).toContainText(`${category}-b`);
  // Each row has a cell under every column header, the stream among them.
  await expect(rows.nth(0).getByRole('cell')).toHaveCount(
    await page.getByRole('columnheader').count(),
  );
  await expect(page.getByText(other)).toHaveCount(0);

  await page.getByLabel('Event type').fill(other);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(other);

  await rows.getByRole('link', { name: `${category}-a` }).click();
  await expect(page.getByRole('heading', { name: `${category}-a` })).toBeVisible();
});

test('the Events page reads newest first and pages back through the log', async ({
  page,
  request,
}) => {
  const category = uniqueCategory();
  await appendEvents(
    request,
    `${category}-log`,
    [1, 2, 3].map((n) => ({ type: `Step${n}`, data: { n } })),
  );
  await page.goto(`/events?category=${category}&limit=25`);
  await page.getByRole('link', { name: 'Newest first' }).click();
  await expect(page).toHaveURL(/direction=backward/);
  const rows = page.getByRole('table').getByRole('row').filter({ hasText: category });
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Step3');
  await expect(rows.nth(2)).toContainText('Step1');
  await page.getByRole('link', { name: 'Oldest first' }).click();
  await expect(rows.nth(0)).toContainText('Step1');
});
