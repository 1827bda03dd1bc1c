import { expect, test } from '@playwright/test';
import { pageAs, signedOutPage } from './support/accounts';
import { E2E_TOKEN, waitForHydration } from './support/api';
import { CONSOLE_PAGES, describeViolations, seriousViolations, type PageData } from './support/axe';
import { createWorkflow, registerAgent, runCommands, uniqueName } from './support/research-api';

let data: PageData;

test.beforeAll(async ({ request, browser }) => {
  const workflowId = await createWorkflow(request, uniqueName('Accessible'));
  await runCommands(request, workflowId, [
    { command: 'addStep', stepId: 'collect', title: 'Collect the data' },
    { command: 'start' },
    { command: 'startStep', stepId: 'collect' },
  ]);
  const agentId = await registerAgent(request, uniqueName('Reader'));
  const streamId = `workflow-${workflowId}`;
  const read = await request.get(`/api/v1/streams/${streamId}/events?limit=1`, {
    headers: { Authorization: `Bearer ${E2E_TOKEN}` },
  });
  const { events } = (await read.json()) as { events: { eventId: string }[] };
  data = { streamId, workflowId, agentId, eventId: events[0]!.eventId };
  // A stored snapshot, so that the snapshots page draws its charts and lists one.
  const page = await pageAs(browser, 'admin');
  await page.goto(`/snapshots?stream=${encodeURIComponent(data.streamId)}`);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Take a snapshot now' }).click();
  await expect(page.getByText(/^Snapshot taken at version/)).toBeVisible();
  await page.context().close();
});

test.describe('every console page passes WCAG 2.1 AA (no serious or critical violation)', () => {
  for (const entry of CONSOLE_PAGES) {
    test(entry.name, async ({ page, browser }) => {
      const visitor = entry.signedOut ? await signedOutPage(browser) : page;
      await visitor.goto(entry.path(data));
      if (!entry.signedOut) await waitForHydration(visitor);
      await visitor.waitForLoadState('networkidle');
      const violations = await seriousViolations(visitor);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }
});
