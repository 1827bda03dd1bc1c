import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { appendEvents, uniqueCategory, waitForHydration } from './support/api';
import { createWorkflow, runCommands, uniqueName } from './support/research-api';

const streamPage = (streamId: string) => `/streams/${encodeURIComponent(streamId)}`;
const stateAt = (page: Page) => page.getByTestId('state-at');
const versionReached = (page: Page) => stateAt(page).getByTestId('version-reached');

async function pickVersion(page: Page, picker: string, version: number) {
  await page.getByLabel(`${picker}: version`, { exact: true }).fill(String(version));
}

async function pickTime(page: Page, picker: string, iso: string, kind: 'Recorded' | 'Occurred') {
  await page
    .getByRole('group', { name: `${picker}: by` })
    .getByRole('button', { name: 'Time' })
    .click();
  await page.getByLabel(`${picker}: time (UTC)`).fill(iso.slice(0, 23));
  await page
    .getByRole('group', { name: `${picker}: time kind` })
    .getByRole('button', { name: `${kind} time` })
    .click();
}

async function researchWorkflow(page: Page) {
  const workflowId = await createWorkflow(page.request, uniqueName('Time travel'));
  await runCommands(page.request, workflowId, [
    { command: 'addStep', stepId: 'collect', title: 'Collect the data' },
    { command: 'start' },
    { command: 'startStep', stepId: 'collect' },
    { command: 'completeStep', stepId: 'collect', output: 'done' },
  ]);
  return `workflow-${workflowId}`;
}

test('time travel to a version shows the state then, and the changes to another version', async ({
  page,
}) => {
  const streamId = await researchWorkflow(page);
  await page.goto(streamPage(streamId));
  await waitForHydration(page);

  await pickVersion(page, 'Point in history', 2);
  await expect(versionReached(page)).toHaveText('2');
  await expect(stateAt(page)).toContainText('"draft"');
  await expect(stateAt(page)).toContainText('"pending"');
  await pickVersion(page, 'Point in history', 4);
  await expect(versionReached(page)).toHaveText('4');
  await expect(stateAt(page)).toContainText('"running"');

  await pickVersion(page, 'Point in history', 2);
  await pickVersion(page, 'Compare with', 5);
  await expect(
    page.getByRole('heading', { name: /Changes from version 2 to version 5/ }),
  ).toBeVisible();
  const diff = page.getByRole('table').filter({ hasText: 'Before' });
  const row = (path: string) =>
    diff.getByRole('row').filter({ has: page.getByRole('cell', { name: path, exact: true }) });
  await expect(row('status')).toContainText('changed');
  await expect(row('status')).toContainText('"draft"');
  await expect(row('status')).toContainText('"running"');
  await expect(row('steps.0.status')).toContainText('"completed"');
});

test('time travel by recorded time and by occurred time tells what the store knew from what had happened', async ({
  page,
}) => {
  const agentId = `e2e${Math.random().toString(36).slice(2, 10)}`;
  const streamId = `agent-${agentId}`;
  // Older history imported now: it occurred in 2024, the store recorded it today.
  await appendEvents(page.request, streamId, [
    {
      type: 'AgentRegistered',
      data: { agentId, name: 'Importer', model: 'claude-sonnet', capabilities: [] },
      occurredAt: '2024-01-10T00:00:00.000Z',
    },
    {
      type: 'AgentTaskStarted',
      data: { taskId: 'task-old', workflowId: crypto.randomUUID(), stepId: 's' },
      occurredAt: '2024-03-10T00:00:00.000Z',
    },
  ]);
  await page.goto(streamPage(streamId));
  await waitForHydration(page);

  await pickTime(page, 'Point in history', '2024-02-01T00:00:00.000Z', 'Occurred');
  await expect(versionReached(page)).toHaveText('1');
  await expect(stateAt(page)).toContainText('"Importer"');
  await expect(stateAt(page)).not.toContainText('task-old');

  await pickTime(page, 'Point in history', '2024-02-01T00:00:00.000Z', 'Recorded');
  await expect(versionReached(page)).toHaveText('0');
  await expect(stateAt(page)).toContainText('No state: the stream had no events by then');

  const later = new Date(Date.now() + 60_000).toISOString();
  await pickTime(page, 'Point in history', later, 'Recorded');
  await expect(versionReached(page)).toHaveText('2');
  await expect(stateAt(page)).toContainText('task-old');
});

test('the timeline groups related events, shows each with its data or as raw JSON, and downloads the history', async ({
  page,
}) => {
  const streamId = await researchWorkflow(page);
  await page.goto(streamPage(streamId));
  await waitForHydration(page);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(page.getByText('5 of 5 events loaded in 4 groups')).toBeVisible();
  await expect(timeline).toContainText('StepAdded');
  await expect(timeline).toContainText('StepStarted, StepCompleted');
  await expect(timeline).toContainText('2 events');

  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Full' }).click();
  const trees = timeline.getByRole('tree', { name: 'Data', exact: true });
  await expect(trees).toHaveCount(5);
  await expect(trees.nth(1)).toContainText('"Collect the data"');
  await timeline.getByRole('button', { name: 'Collapse all' }).click();
  await expect(trees).toHaveCount(0);
  await timeline.getByRole('button', { name: 'Show event v2' }).click();
  await expect(trees).toHaveCount(1);
  await timeline
    .getByRole('group', { name: 'View' })
    .getByRole('button', { name: 'Raw JSON' })
    .click();
  await timeline.getByRole('button', { name: 'Expand all' }).click();
  await expect(timeline.getByText(`"streamId": "${streamId}"`).first()).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${streamId}-v5.json`);
  const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
    streamId: string;
    version: number;
    events: { version: number; type: string; hash: string }[];
  };
  expect(file.streamId).toBe(streamId);
  expect(file.version).toBe(5);
  expect(file.events.map((event) => event.version)).toEqual([1, 2, 3, 4, 5]);
  expect(file.events.map((event) => event.type)).toEqual([
    'WorkflowCreated',
    'StepAdded',
    'WorkflowStarted',
    'StepStarted',
    'StepCompleted',
  ]);
});

test('a long stream loads page by page as the timeline scrolls, with few rows in the page', async ({
  page,
}) => {
  const streamId = `${uniqueCategory()}-long`;
  for (let batch = 0; batch < 3; batch++) {
    await appendEvents(
      page.request,
      streamId,
      Array.from({ length: 500 }, (_, i) => ({ type: 'Ticked', data: { n: batch * 500 + i + 1 } })),
    );
  }
  await page.goto(streamPage(streamId));
  await waitForHydration(page);
  const status = page.getByText(/of 1,500 events loaded/);
  // A few pages at most: as many as fill the window, not the whole stream.
  await expect(status).toHaveText(/^\d{3} of 1,500/);
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Full' }).click();
  await page.getByRole('button', { name: 'Collapse all' }).click();
  const scroller = page.getByTestId('timeline-scroller');
  for (let i = 0; i < 40; i++) {
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    if ((await status.textContent())?.startsWith('1,500')) break;
    await page.waitForTimeout(150);
  }
  await expect(status).toHaveText(/^1,500 of 1,500 events loaded$/);
  // The last page lengthens the list after the scroll that asked for it: scroll to its end again.
  await expect(async () => {
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(scroller.getByText('v1500', { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  expect(await scroller.locator('li').count()).toBeLessThan(60);
});
