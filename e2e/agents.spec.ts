import { expect, test } from '@playwright/test';
import { createWorkflow, registerAgent, runCommands, uniqueName } from './support/research-api';

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
    '1,200',
    '300',
    '$0.42',
    /UTC$/,
  ]);

  await row.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText('search', { exact: true })).toBeVisible();
  const tasks = page.getByRole('table').getByRole('row');
  // Newest first: the failed task, then the completed one.
  await expect(tasks.nth(1)).toContainText('Collect samples');
  await expect(tasks.nth(1)).toContainText('Sampling site closed');
  await expect(tasks.nth(2).getByRole('cell')).toHaveText([
    '1',
    title,
    'Literature review',
    'completed',
    '1,200',
    '300',
    '$0.42',
    '1 min 5 s',
    '',
  ]);
  await tasks.nth(2).getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(`/workflows/${workflowId}`);
});

test('an unknown agent has a not-found page', async ({ page }) => {
  const response = await page.goto('/agents/e2e-no-such-agent');
  expect(response?.status()).toBe(404);
  await expect(page.getByText('Agent not found')).toBeVisible();
});
