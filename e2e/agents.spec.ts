import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { appendEvents } from './support/api';
import {
  createWorkflow,
  fact,
  registerAgent,
  runCommands,
  shownTime,
  uniqueName,
} from './support/research-api';

/** The rows of the Tasks table, without its header. */
const taskRows = (page: Page) => page.getByRole('table').locator('tbody tr');

test('the agents page lists an agent with its task totals, and its page lists the tasks', async ({
  page,
  request,
}) => {
  const name = uniqueName('Analyst');
  const agentId = await registerAgent(request, name);
  const title = uniqueName('Soil resistance');
  const workflowId = await createWorkflow(request, title);
  await runCommands(request, workflowId, [
    { command: 'addStep', stepId: 'review', title: 'Literature review' },
    { command: 'addStep', stepId: 'collect', title: 'Collect samples' },
    { command: 'start' },
    { command: 'startStep', stepId: 'review', agentId },
    {
      command: 'completeStep',
      stepId: 'review',
      output: 'done',
      usage: { tokensIn: 1200, tokensOut: 300, costUsd: 0.42, durationMs: 65_000 },
    },
    { command: 'startStep', stepId: 'collect', agentId },
    { command: 'failStep', stepId: 'collect', error: 'Sampling site closed' },
  ]);

  await page.goto('/agents');
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row.getByRole('cell')).toHaveText([
    name,
    'claude-sonnet',
    '2',
    '1',
    '1',
    '1,200 / 300',
    '$0.42',
    /UTC/,
  ]);
  await expect(page.getByRole('columnheader', { name: 'Last activity occurred' })).toBeVisible();

  await row.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText('search', { exact: true })).toBeVisible();
  const tasks = taskRows(page);
  // Newest first: the failed task, then the completed one.
  await expect(tasks.nth(0)).toContainText('Collect samples');
  await expect(tasks.nth(0)).toContainText('Sampling site closed');
  await expect(tasks.nth(1).getByRole('cell')).toHaveText([
    `${title}Literature review`,
    'completed',
    /UTC$/,
    /UTC$/,
    '1,200 in300 out',
    '$0.42',
    '1 min 5 s',
  ]);
  await tasks.nth(1).getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(`/workflows/${workflowId}`);
});

test('an agent’s tasks show when they started and ended, sorted by those times, and its last activity is the latest', async ({
  page,
  request,
}) => {
  const name = uniqueName('Importer');
  const agentId = `e2e${Math.random().toString(36).slice(2, 10)}`;
  const task = (step: string) => ({ taskId: `t-${step}`, workflowId: randomUUID(), stepId: step });
  const usage = { tokensIn: 10, tokensOut: 5, costUsd: 0.01, durationMs: 1000 };
  // Imported history, written out of business-time order: the oldest task is written last.
  const times = {
    late: ['2024-01-10T08:00:00.000Z', '2024-01-11T09:00:00.000Z'],
    early: ['2024-01-05T08:00:00.000Z', '2024-01-06T09:00:00.000Z'],
    oldest: ['2024-01-02T08:00:00.000Z', '2024-01-03T09:00:00.000Z'],
  } as const;
  await appendEvents(request, `agent-${agentId}`, [
    {
      type: 'AgentRegistered',
      data: { agentId, name, model: 'claude-sonnet', capabilities: [] },
      occurredAt: '2024-01-01T00:00:00.000Z',
    },
  ]);
  for (const step of ['late', 'early', 'oldest'] as const) {
    const [started, ended] = times[step];
    await appendEvents(request, `agent-${agentId}`, [
      { type: 'AgentTaskStarted', data: task(step), occurredAt: started },
      step === 'oldest'
        ? {
            type: 'AgentTaskFailed',
            data: { taskId: `t-${step}`, error: 'gone' },
            occurredAt: ended,
          }
        : {
            type: 'AgentTaskCompleted',
            data: { taskId: `t-${step}`, ...usage },
            occurredAt: ended,
          },
    ]);
  }

  await page.goto(`/agents/${agentId}`);
  await expect(fact(page, 'Registered')).toContainText('2024-01-01 00:00:00.000 UTC');
  // The latest business time, not that of the event written last (the oldest task's failure).
  await expect(fact(page, 'Last activity')).toContainText(shownTime(times.late[1]));
  // Each row's step (its id here: the workflows are not in the store), in the order shown.
  const expectOrder = (steps: string[]) =>
    expect.poll(() => taskRows(page).locator('td:nth-child(1) p').allTextContents()).toEqual(steps);

  // Newest start first, although the oldest task was written last.
  await expectOrder(['late', 'early', 'oldest']);
  const late = taskRows(page).nth(0);
  await expect(late.getByRole('cell').nth(2)).toContainText(shownTime(times.late[0]));
  await expect(late.getByRole('cell').nth(3)).toContainText(shownTime(times.late[1]));

  await page.getByRole('link', { name: /^Ended/ }).click();
  await expect(page).toHaveURL(/sort=-ended/);
  await expectOrder(['late', 'early', 'oldest']);
  await page.getByRole('link', { name: /^Ended/ }).click();
  await expect(page).toHaveURL(/sort=ended/);
  await expectOrder(['oldest', 'early', 'late']);
  await page.getByRole('link', { name: /^Started/ }).click();
  await expect(page).toHaveURL(/sort=-started/);
  await expectOrder(['late', 'early', 'oldest']);
});

test('an unknown agent has a not-found page', async ({ page }) => {
  const response = await page.goto('/agents/e2e-no-such-agent');
  expect(response?.status()).toBe(404);
  await expect(page.getByText('Agent not found')).toBeVisible();
});
