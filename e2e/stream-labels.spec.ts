import { expect, test } from '@playwright/test';
import {
  createWorkflow,
  readEvents,
  registerAgent,
  runCommands,
  uniqueName,
} from './support/research-api';

test('lists of streams and events name a workflow and an agent beside their stream ids', async ({
  page,
  request,
}) => {
  const agentName = uniqueName('Labeller');
  const agentId = await registerAgent(request, agentName);
  const title = uniqueName('Labelled study');
  const workflowId = await createWorkflow(request, title);
  await runCommands(request, workflowId, [
    { command: 'addStep', stepId: 's1', title: 'Collect data' },
    { command: 'start' },
    // Written through the domain, the agent's name reaches its read model.
    { command: 'startStep', stepId: 's1', agentId },
  ]);
  const workflowStream = `workflow-${workflowId}`;
  const agentStream = `agent-${agentId}`;
  const events = await readEvents(request, workflowStream);
  const correlationId = String(events.at(-1)?.metadata.correlationId);

  // The step's start on both streams: one correlation.
  await page.goto(`/events?correlationId=${correlationId}`);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: workflowStream })).toContainText(title);
  await expect(rows.filter({ hasText: agentStream })).toContainText(agentName);

  await page.goto(`/streams?prefix=${workflowStream}`);
  await expect(rows.filter({ hasText: workflowStream })).toContainText(title);
  await page.goto(`/streams?prefix=${agentStream}`);
  await expect(rows.filter({ hasText: agentStream })).toContainText(agentName);

  // The stream's page links to the workflow it holds.
  await page.goto(`/streams/${workflowStream}`);
  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(`/workflows/${workflowId}`);
});
