import { expect, test } from '@playwright/test';
import { ACCOUNTS, pageAs } from './support/accounts';
import { uniqueCategory, waitForHydration } from './support/api';
import { expectAuditTrail } from './support/audit';
import { registerAgent, uniqueName } from './support/research-api';
import { projectionRow, replayPanel, seedEvents, waitForIdle } from './support/projections';

test('an operator rebuilds a projection and follows it to 100 % and succeeded', async ({
  browser,
  request,
}) => {
  // agent-activity reads the agent streams: give it some, whatever ran before.
  await registerAgent(request, uniqueName('Rebuilt'));
  const page = await pageAs(browser, 'operator');
  await waitForIdle(page, 'agent-activity');
  await waitForHydration(page);
  const row = projectionRow(page, 'agent-activity');
  await row.getByRole('button', { name: 'Rebuild agent-activity' }).click();

  await expect(page).toHaveURL(/[?&]replay=[0-9a-f-]{36}/);
  const panel = replayPanel(page, 'agent-activity');
  await expect(panel.getByRole('heading')).toHaveText('Full rebuild of agent-activity');
  await expect(panel.getByTestId('replay-status')).toHaveText('succeeded', { timeout: 30_000 });
  await expect(panel.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(panel.getByTestId('replay-percent')).toHaveText('100%');
  const [processed, total] = (await panel.getByTestId('replay-processed').innerText()).split(
    ' of ',
  );
  expect(processed).toBe(total);
  expect(Number(total!.replaceAll(',', ''))).toBeGreaterThan(0);
  await expect(panel).toContainText(ACCOUNTS.operator.email);

  // Once it ended the page was read again: the table and the history show the outcome.
  await expect(row.getByRole('button', { name: 'Rebuild agent-activity' })).toBeEnabled();
  await expect(row.getByRole('cell').nth(5)).toHaveText(
    await panel.getByTestId('replay-finished').innerText(),
  );
  const replayId = new URL(page.url()).searchParams.get('replay')!;
  const entry = page.getByTestId(`replay-${replayId}`);
  await expect(entry.getByRole('cell')).toHaveText([
    'agent-activity',
    'Full rebuild',
    'succeeded',
    new RegExp(`^${processed} / ${total}.* events/s$`),
    ACCOUNTS.operator.email,
    /^started.*UTC\s*ended.*UTC$/,
  ]);

  // Another test's replay may show its own panel meanwhile: close this one's.
  await panel.getByRole('link', { name: 'Close' }).click();
  await expect(panel).toHaveCount(0);
  await expectAuditTrail(
    page,
    { action: 'ReplayStart', actor: ACCOUNTS.operator.email, target: `replay:${replayId}` },
    ['ReplayStart succeeded'],
  );
  await page.context().close();
});

test('an operator cancels a running rebuild, which ends cancelled', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  // event-stats reads every event: with these, its rebuild runs for seconds in small batches.
  await seedEvents(request, `${uniqueCategory()}-ticks`, 3000);
  const page = await pageAs(browser, 'operator');
  await waitForIdle(page, 'event-stats');
  await waitForHydration(page);
  await projectionRow(page, 'event-stats')
    .getByRole('button', { name: 'Rebuild event-stats' })
    .click();

  const panel = replayPanel(page, 'event-stats');
  const cancel = panel.getByRole('button', { name: 'Cancel replay' });
  await expect(cancel).toBeEnabled();
  await expect(panel.getByTestId('replay-status')).toHaveText(/^(queued|running)$/);
  await cancel.click();
  await expect(panel.getByTestId('replay-status')).toHaveText('cancelled', { timeout: 30_000 });
  await expect(panel.getByRole('button', { name: /Cancel/ })).toHaveCount(0);
  const percent = Number(await panel.getByRole('progressbar').getAttribute('aria-valuenow'));
  expect(percent).toBeLessThan(100);

  const replayId = new URL(page.url()).searchParams.get('replay')!;
  await expect(page.getByTestId(`replay-${replayId}`).getByRole('cell').nth(2)).toHaveText(
    'cancelled',
  );
  await expect(projectionRow(page, 'event-stats').getByText('replaying')).toHaveCount(0);
  await expectAuditTrail(
    page,
    { action: 'ReplayCancel', actor: ACCOUNTS.operator.email, target: `replay:${replayId}` },
    ['ReplayCancel succeeded'],
  );
  await page.context().close();
});

test('an auditor sees the projections and the replays, but no button to act', async ({
  browser,
}) => {
  const page = await pageAs(browser, 'auditor');
  await page.goto('/projections');
  await waitForHydration(page);
  const table = page.getByRole('table', { name: 'Projections' });
  for (const name of ['workflow-summary', 'agent-summary', 'agent-activity', 'event-stats']) {
    await expect(projectionRow(page, name)).toBeVisible();
  }
  await expect(table.getByRole('button')).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: /^(Rebuild|Resume|Retry|Skip|Cancel)/ }),
  ).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Replay history' })).toBeVisible();
  await page.context().close();
});

test('the projections table sorts by a column and back', async ({ page }) => {
  await page.goto('/projections');
  const table = page.getByRole('table', { name: 'Projections' });
  const names = table.getByTestId('projection-name');
  const header = table.getByRole('columnheader', { name: 'Projection', exact: true });
  const sorted = ['agent-activity', 'agent-summary', 'event-stats', 'workflow-summary'];
  await expect(names).toHaveText(sorted);
  await expect(header).toHaveAttribute('aria-sort', 'ascending');

  await header.getByRole('link').click();
  await expect(page).toHaveURL(/\/projections\?sort=-name$/);
  await expect(names).toHaveText([...sorted].reverse());
  await expect(header).toHaveAttribute('aria-sort', 'descending');

  await header.getByRole('link').click();
  await expect(page).toHaveURL(/\/projections$/);
  await expect(names).toHaveText(sorted);
});

test('the dashboard charts events by category and the range picker sets the URL', async ({
  page,
}) => {
  await page.goto('/');
  const chart = page.getByTestId('event-chart');
  await expect(chart.locator('.recharts-wrapper > svg')).toBeVisible();
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeAttached();
  const range = page.getByRole('group', { name: 'Range' });
  await expect(range.getByRole('link', { name: '30 d' })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('heading', { name: 'Events recorded per day' })).toBeVisible();

  await range.getByRole('link', { name: '24 h' }).click();
  await expect(page).toHaveURL(/\?range=24h$/);
  await expect(page.getByRole('heading', { name: 'Events recorded per hour' })).toBeVisible();
  await expect(range.getByRole('link', { name: '24 h' })).toHaveAttribute('aria-current', 'true');
  await expect(chart.locator('.recharts-wrapper > svg')).toBeVisible();

  await range.getByRole('link', { name: '7 d' }).click();
  await expect(page).toHaveURL(/\?range=7d$/);

  const health = page.getByRole('region', { name: 'Projection health' });
  await expect(health.getByTestId('health-event-stats')).toContainText(/running|stopped/);
  await health.getByRole('link', { name: 'Projections' }).click();
  await expect(page).toHaveURL(/\/projections$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Projections');
});
