import { expect, test } from '@playwright/test';
import { appendEvents, uniqueCategory } from './support/api';
import { createWorkflow, fact, readEvents, shownTime } from './support/research-api';

/** Imported history: the events happened long before the store recorded them. */
const occurred = ['2024-03-01T10:00:00.000Z', '2024-03-02T11:30:00.000Z'];

test('every time says whether it occurred or was recorded, and both show where they differ', async ({
  page,
  request,
}) => {
  const category = uniqueCategory();
  const streamId = `${category}-import`;
  await appendEvents(
    request,
    streamId,
    occurred.map((occurredAt, n) => ({ type: 'Imported', data: { n }, occurredAt })),
  );
  const [first, last] = await readEvents(request, streamId);

  // The stream's header: its times are the store's, the business times beneath them.
  await page.goto(`/streams/${streamId}`);
  for (const [label, event] of [
    ['Created', first!],
    ['Last update', last!],
  ] as const) {
    const value = fact(page, label);
    await expect(page.locator('dt', { hasText: `${label} recorded` })).toBeVisible();
    await expect(value).toContainText(shownTime(event.recordedAt));
    await expect(value).toContainText(`${shownTime(event.occurredAt)}occurred`);
  }

  // The streams list labels its columns, and shows the business times too.
  await page.goto(`/streams?category=${category}`);
  await expect(page.getByRole('columnheader', { name: 'Created recorded' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Last update recorded' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: streamId });
  await expect(row).toContainText(`${shownTime(occurred[0]!)}occurred`);
  await expect(row).toContainText(`${shownTime(occurred[1]!)}occurred`);

  // The global log is in commit order: recorded first, the business time beneath.
  await page.goto(`/events?category=${category}`);
  await expect(page.getByRole('columnheader', { name: 'Recorded at' })).toBeVisible();
  const rows = page.getByRole('table').getByRole('row').filter({ hasText: streamId });
  await expect(rows.nth(0)).toContainText(shownTime(first!.recordedAt));
  await expect(rows.nth(0)).toContainText(`${shownTime(occurred[0]!)}occurred`);

  // A workflow's page speaks business time, and says so.
  const workflowId = await createWorkflow(request, `Times ${category}`);
  const [created] = await readEvents(request, `workflow-${workflowId}`);
  await page.goto(`/workflows/${workflowId}`);
  await expect(page.locator('dt', { hasText: 'Created occurred' })).toBeVisible();
  await expect(page.locator('dt', { hasText: 'Last update occurred' })).toBeVisible();
  // Recorded as it happened: one time, no second line.
  await expect(fact(page, 'Created')).toHaveText(shownTime(created!.occurredAt));
});
