import { expect, test } from '@playwright/test';
import { pageAs, signedOutPage } from './support/accounts';
import { waitForHydration } from './support/api';
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
  data = { streamId: `workflow-${workflowId}`, workflowId, agentId };
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
