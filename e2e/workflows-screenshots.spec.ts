import { mkdirSync } from 'node:fs';
import { test } from '@playwright/test';
import { waitForHydration } from './support/api';
import { createWorkflow, registerAgent, runCommands, uniqueName } from './support/research-api';

const DIR = '/tmp/screens';

/** Not a test: pictures of the workflow, agent and snapshot pages, to look at after a change. */
test('screenshots of the research pages', async ({ page, request }) => {
  mkdirSync(DIR, { recursive: true });
  const agentName = uniqueName('Scout');
  const agentId = await registerAgent(request, agentName);
  const prefix = uniqueName('Screens');
  const workflowId = await createWorkflow(request, `${prefix} coral bleaching`);
  await runCommands(request, workflowId, [
    ...['Literature review', 'Collect data', 'Fit model', 'Write up'].map((title, i) => ({
      command: 'addStep',
      stepId: `s${i + 1}`,
      title,
    })),
    { command: 'start' },
    { command: 'startStep', stepId: 's1', agentId },
    {
      command: 'completeStep',
      stepId: 's1',
      output: { papers: 42, summary: 'Heat stress precedes bleaching by 6–8 weeks' },
      usage: { tokensIn: 18_200, tokensOut: 2_450, costUsd: 0.37, durationMs: 252_000 },
    },
    { command: 'startStep', stepId: 's2', agentId },
  ]);

  const shoot = async (name: string, path: string, act?: () => Promise<void>) => {
    await page.goto(path);
    await waitForHydration(page);
    // The page streams in after the shell: wait for the loading skeleton to go.
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    await act?.();
    await page.screenshot({ path: `${DIR}/${name}.png` });
  };

  await shoot('workflows', `/workflows?search=${encodeURIComponent(prefix)}`);
  await shoot('workflows-empty', `/workflows?status=paused&search=${encodeURIComponent(prefix)}`);
  await shoot('workflow-new-error', '/workflows/new', async () => {
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.getByText('Title is required').waitFor();
  });
  await shoot('workflow-running', `/workflows/${workflowId}`);
  // The page still shows the running workflow when someone else pauses it.
  await runCommands(request, workflowId, [{ command: 'pause', reason: 'Budget review' }]);
  await page.getByLabel('New step').fill('Sensitivity analysis');
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.getByText('Apply to the latest version').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${DIR}/workflow-conflict.png` });
  await shoot('agents', '/agents');
  await shoot('agent', `/agents/${agentId}`);
  await shoot('snapshots', '/snapshots');
  await page.getByRole('button', { name: 'Run cleanup now' }).click();
  await page.screenshot({ path: `${DIR}/snapshots-confirm.png` });
  await shoot('workflow-as-of', `/workflows/${workflowId}?asOf=3`);
  await shoot('events-labelled', '/events?category=workflow&direction=backward&limit=25');
});
