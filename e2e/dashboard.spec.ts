import { expect, test } from '@playwright/test';
import { appendEvents, uniqueCategory } from './support/api';

test('the dashboard counts a category and links to its streams', async ({ page, request }) => {
  const category = uniqueCategory();
  await appendEvents(request, `${category}-1`, [
    { type: 'ItemAdded', data: { n: 1 } },
    { type: 'ItemAdded', data: { n: 2 } },
  ]);
  await appendEvents(request, `${category}-2`, [{ type: 'ItemAdded', data: { n: 3 } }]);

  await page.goto('/');
  const row = page.getByRole('row').filter({ hasText: category });
  await expect(row.getByRole('cell')).toHaveText([category, '2', '3', /UTC$/, 'Events']);

  await row.getByRole('link', { name: category }).click();
  await expect(page).toHaveURL(new RegExp(`/streams\\?category=${category}`));
  await expect(
    page.getByRole('table').getByRole('link', { name: new RegExp(`^${category}-`) }),
  ).toHaveText([`${category}-1`, `${category}-2`]);
});

test('the dashboard tells whether an open transaction holds readers of the log back', async ({
  page,
}) => {
  await page.goto('/');
  const card = page.getByTestId('log-health');
  await expect(card.getByRole('heading', { name: 'Health of the log' })).toBeVisible();
  await expect(card).toContainText(
    /No transaction is holding back readers|The oldest open transaction \(pid \d+, xid \d+\) holds back/,
  );
  await expect(card).toContainText(/Committed events not yet readable: \d+/);
});
