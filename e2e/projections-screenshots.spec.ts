import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { pageAs } from './support/accounts';
import { uniqueCategory, waitForHydration } from './support/api';
import { projectionRow, replayPanel, seedEvents, waitForIdle } from './support/projections';

const DIR = '/tmp/screens';
/** The embedded PostgreSQL of the e2e server (playwright.config.ts). */
const E2E_DATABASE = 'postgres://postgres:postgres@127.0.0.1:55433/postgres';

const shoot = async (page: Page, name: string, path: string) => {
  await page.goto(path);
  await waitForHydration(page);
  await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: true });
};

/**
 * The rows a projection leaves when it cannot apply an event, written by hand: the shipped
 * projections fail on no event the API accepts. Positions far beyond the log's, in a stream
 * that gets no events, so the runner is not held up; removed afterwards, with the last error.
 */
async function withFailures(act: () => Promise<void>) {
  const sql = postgres(E2E_DATABASE, { max: 1, onnotice: () => {} });
  const streamId = `agent-${uniqueCategory()}`;
  const rows = [
    { status: 'failed', attempts: 3, error: 'duplicate key value violates unique constraint' },
    { status: 'parked', attempts: 0, error: null },
    { status: 'parked', attempts: 0, error: null },
  ].map((row, i) => ({
    id: randomUUID(),
    projection: 'agent-activity',
    global_position: 9_000_000_001 + i,
    stream_id: streamId,
    event_id: randomUUID(),
    event_type: i === 0 ? 'AgentTaskCompleted' : 'AgentTaskStarted',
    ...row,
  }));
  const [before] = await sql<{ last_error: string | null }[]>`
    select last_error from projections where name = 'agent-activity'`;
  try {
    await sql`insert into projection_failures ${sql(rows)}`;
    await sql`update projections set last_error = ${rows[0]!.error} where name = 'agent-activity'`;
    await act();
  } finally {
    await sql`delete from projection_failures where stream_id = ${streamId}`;
    await sql`
      update projections set last_error = ${before?.last_error ?? null} where name = 'agent-activity'`;
    await sql.end();
  }
}

/** Not a test: pictures of the Projections page during and after a replay, and of the dashboard. */
test('screenshots of the projections page and the dashboard', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  mkdirSync(DIR, { recursive: true });
  await seedEvents(request, `${uniqueCategory()}-ticks`, 5000);
  await waitForIdle(page, 'event-stats');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Rebuild event-stats' }).click();
  const panel = replayPanel(page, 'event-stats');
  await expect(panel.getByTestId('replay-status')).toHaveText('running');
  await expect(panel.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow', '0');
  await page.screenshot({ path: `${DIR}/projections-replaying.png`, fullPage: true });
  await expect(panel.getByTestId('replay-status')).toHaveText('succeeded', { timeout: 120_000 });
  await expect(projectionRow(page, 'event-stats').getByText('replaying')).toHaveCount(0);
  await page.screenshot({ path: `${DIR}/projections-replayed.png`, fullPage: true });

  await withFailures(() => shoot(page, 'projections-failures', '/projections'));
  const auditor = await pageAs(browser, 'auditor');
  await shoot(auditor, 'projections-auditor', '/projections?sort=-lag');
  await auditor.context().close();

  await shoot(page, 'dashboard-30d', '/');
  await shoot(page, 'dashboard-7d', '/?range=7d');
  await shoot(page, 'dashboard-24h', '/?range=24h');
  const chart = await page
    .getByTestId('event-chart')
    .locator('.recharts-wrapper > svg')
    .boundingBox();
  await page.mouse.move(chart!.x + chart!.width / 2, chart!.y + chart!.height / 2);
  await page.mouse.move(chart!.x + chart!.width - 14, chart!.y + chart!.height / 2, { steps: 4 });
  await expect(page.getByTestId('event-chart').getByText(/UTC$/)).toBeVisible();
  await page.screenshot({ path: `${DIR}/dashboard-tooltip.png` });
});
