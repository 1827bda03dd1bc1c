import { expect, test, type Page } from '@playwright/test';
import { appendEvents, uniqueCategory, waitForHydration } from './support/api';

/** Opens the type picker, toggles these types (found by a lower-case search), and closes it. */
async function pickTypes(page: Page, types: string[]) {
  await page.getByRole('button', { name: 'Event types' }).click();
  for (const type of types) {
    await page.getByLabel('Find an event type').fill(type.toLowerCase());
    await page.getByRole('checkbox', { name: type, exact: true }).click();
  }
  await page.getByRole('button', { name: 'Done' }).click();
}

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
  await waitForHydration(page);
  await pickTypes(page, [wanted]);
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
  await expect(page.getByRole('table').getByText(other)).toHaveCount(0);

  await pickTypes(page, [wanted, other]);
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

test('the Events page takes several types at once, as the API does, and offers the known types', async ({
  page,
  request,
}) => {
  const category = uniqueCategory();
  const failed = `Failed${category}`;
  const stopped = `Stopped${category}`;
  const ignored = `Ignored${category}`;
  await appendEvents(request, `${category}-run`, [
    { type: failed, data: {} },
    { type: ignored, data: {} },
    { type: stopped, data: {} },
  ]);

  // The comma-separated form of the REST API and a shared link.
  await page.goto(`/events?category=${category}&type=${failed},${stopped}`);
  await expect(page.getByText('not valid')).toHaveCount(0);
  // The type of each row (a button that opens the event).
  const types = page
    .getByRole('table')
    .getByRole('button', { name: new RegExp(`^(Failed|Stopped|Ignored)${category}$`) });
  await expect(types).toHaveText([failed, stopped]);
  await expect(page.getByRole('button', { name: 'Event types' })).toContainText(
    `${failed}, ${stopped}`,
  );

  // The registry's types are offered by category, those of the log among the others.
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Event types' }).click();
  const picker = page.getByRole('group', { name: 'Event types' });
  await expect(picker.getByRole('checkbox', { name: 'StepFailed', exact: true })).toBeVisible();
  await expect(picker.getByRole('checkbox', { name: 'WorkflowFailed', exact: true })).toBeVisible();
  await expect(
    picker.getByRole('checkbox', { name: 'AgentTaskFailed', exact: true }),
  ).toBeVisible();
  await expect(picker.getByRole('checkbox', { name: failed })).toBeChecked();
  await picker.getByRole('checkbox', { name: failed }).uncheck();
  await picker.getByLabel('Find an event type').fill(ignored.toLowerCase());
  await expect(picker.getByRole('checkbox', { name: stopped })).toBeHidden();
  await picker.getByRole('checkbox', { name: ignored }).check();
  await picker.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(types).toHaveText([ignored, stopped]);

  // A type the registry knows can be asked for although this category never wrote it.
  await page.goto(`/events?category=${category}&type=StepFailed,WorkflowFailed`);
  await expect(page.getByText('not valid')).toHaveCount(0);
  await expect(
    page.getByText(`No events match types “StepFailed”, “WorkflowFailed”`),
  ).toBeVisible();
});
