import { expect, test } from '@playwright/test';
import { signedOutPage } from './support/accounts';
import { waitForHydration } from './support/api';
import { CONSOLE_PAGES, describeViolations, seriousViolations, type PageData } from './support/axe';
import { createWorkflow, registerAgent, runCommands, uniqueName } from './support/research-api';

let data: PageData;

test.beforeAll(async ({ request }) => {
  const workflowId = await createWorkflow(request, uniqueName('Accessible'));
  await runCommands(request, workflowId, [
    { command: 'addStep', stepId: 'collect', title: 'Collect the data' },
    { command: 'start' },
    { command: 'startStep', stepId: 'collect' },
  ]);
  const agentId = await registerAgent(request, uniqueName('Reader'));
  data = { streamId: `workflow-${workflowId}`, workflowId, agentId };
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
