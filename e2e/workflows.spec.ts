import { expect, test, type Page } from '@playwright/test';
import { waitForHydration } from './support/api';
import { expectAuditTrail } from './support/audit';
import {
  createWorkflow,
  fact,
  readEvents,
  registerAgent,
  runCommands,
  shownTime,
  uniqueName,
} from './support/research-api';

const commands = (page: Page) => page.getByRole('group', { name: 'Workflow commands' });
const stepRow = (page: Page, title: string) =>
  page.getByRole('table', { name: 'Steps' }).getByRole('row').filter({ hasText: title }).first();
/** The history's newest event (row 0 is the header). */
const newestEvent = (page: Page) =>
  page.getByRole('table', { name: 'History' }).getByRole('row').nth(1);
const alert = (page: Page, text: string | RegExp) =>
  page.getByRole('alert').filter({ hasText: text });

test('creates a workflow, runs its steps with an agent and completes it', async ({
  page,
  request,
}) => {
  const agentName = uniqueName('Scout');
  const agentId = await registerAgent(request, agentName);
  const title = uniqueName('Coral bleaching');

  await page.goto('/workflows/new');
  await waitForHydration(page);
  await page.getByLabel('Research question').fill('Can heat anomalies predict bleaching?');
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await expect(page.getByText('Title is required')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  // What was typed survives the refusal.
  await expect(page.getByLabel('Research question')).toHaveValue(
    'Can heat anomalies predict bleaching?',
  );
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create workflow' }).click();

  await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/);
  const workflowId = new URL(page.url()).pathname.split('/').at(-1)!;
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(fact(page, 'Status')).toHaveText('draft');
  await expect(page.getByRole('tree', { name: 'Methodology' })).toContainText(
    /"design":\s?"cohort"/,
  );
  await expect(newestEvent(page)).toContainText('WorkflowCreated');

  for (const step of ['Literature review', 'Collect data']) {
    await page.getByLabel('New step').fill(step);
    await page.getByRole('button', { name: 'Add step' }).click();
    await expect(stepRow(page, step)).toContainText('pending');
  }
  await expect(page.getByLabel('New step')).toHaveValue('');
  await expect(newestEvent(page)).toContainText('Step “Collect data” added');

  await commands(page).getByRole('button', { name: 'Start' }).click();
  await expect(fact(page, 'Status')).toHaveText('running');
  await expect(newestEvent(page)).toContainText('WorkflowStarted');
  await expect(commands(page).getByRole('button')).toHaveText([
    'Pause',
    'Complete',
    'Fail',
    'Cancel',
  ]);

  for (const step of ['Literature review', 'Collect data']) {
    await stepRow(page, step).getByRole('button', { name: 'Start' }).click();
    await page.getByLabel(`Agent for “${step}”`).selectOption({ label: agentName });
    await page.getByRole('button', { name: 'Start step' }).click();
    await expect(stepRow(page, step)).toContainText('running');
    await expect(stepRow(page, step).getByRole('link', { name: agentName })).toHaveAttribute(
      'href',
      `/agents/${agentId}`,
    );
  }
  await expect(newestEvent(page)).toContainText(`Step “Collect data” started by ${agentName}`);

  const outputs = [
    ['Literature review', '12 papers found', '12 papers found'],
    ['Collect data', '{"rows": 5400}', 'rows: 5400'],
  ] as const;
  for (const [step, typed, shown] of outputs) {
    await stepRow(page, step).getByRole('button', { name: 'Complete' }).click();
    await page.getByLabel(`Output of “${step}”`).fill(typed);
    await page.getByRole('button', { name: 'Complete step' }).click();
    await expect(stepRow(page, step)).toContainText('completed');
    await expect(stepRow(page, step)).toContainText(shown);
  }
  await expect(fact(page, 'Steps done')).toHaveText('2/2');

  await commands(page).getByRole('button', { name: 'Complete' }).click();
  await page
    .getByLabel('Summary of the findings')
    .fill('Anomalies predict bleaching 6 weeks ahead');
  await page.getByRole('button', { name: 'Complete workflow' }).click();
  await expect(fact(page, 'Status')).toHaveText('completed');
  await expect(fact(page, 'Version')).toHaveText('9');
  await expect(commands(page)).toHaveCount(0);
  await expect(newestEvent(page)).toContainText('WorkflowCompleted');
  await expect(newestEvent(page)).toContainText('Completed: Anomalies predict bleaching');

  await page.getByRole('button', { name: 'Show version 9, WorkflowCompleted' }).click();
  await expect(page.getByRole('tree', { name: 'Data', exact: true })).toContainText(
    /"summary":\s?"Anomalies predict bleaching 6 weeks ahead"/,
  );
  await expect(page.getByRole('link', { name: `workflow-` }).first()).toHaveAttribute(
    'href',
    /^\/streams\/workflow-/,
  );

  // The state at an earlier version, read-only.
  await page
    .getByRole('table', { name: 'History' })
    .getByRole('row')
    .filter({ hasText: 'WorkflowStarted' })
    .getByRole('link', { name: 'View this version' })
    .click();
  await expect(page).toHaveURL(/\?asOf=4$/);
  await expect(alert(page, 'Viewing version 4 of 9: read-only')).toBeVisible();
  await expect(fact(page, 'Status')).toHaveText('running');
  await expect(stepRow(page, 'Collect data')).toContainText('pending');
  await expect(commands(page)).toHaveCount(0);

  // Creation and each command are on the audit trail, one act each, by the signed-in admin.
  await expectAuditTrail(page, { action: 'WorkflowCreate', target: `workflow-${workflowId}` }, [
    'WorkflowCreate succeeded',
  ]);
  await expect(page.getByRole('table', { name: 'Audit trail' })).toContainText('admin · session');
  await expectAuditTrail(
    page,
    { action: 'WorkflowCommand', target: `workflow-${workflowId}`, outcome: 'succeeded' },
    Array<string>(8).fill('WorkflowCommand succeeded'),
  );
});

test('shows why a refused command was refused, keeping what was typed', async ({
  page,
  request,
}) => {
  const workflowId = await createWorkflow(request, uniqueName('Refused'));
  await runCommands(request, workflowId, [
    { command: 'addStep', title: 'Collect data' },
    { command: 'start' },
  ]);

  await page.goto(`/workflows/${workflowId}`);
  await waitForHydration(page);
  await commands(page).getByRole('button', { name: 'Complete' }).click();
  await page.getByLabel('Summary of the findings').fill('Too early to say');
  await page.getByRole('button', { name: 'Complete workflow' }).click();

  await expect(
    alert(
      page,
      'Cannot complete workflow (status running): 1 step(s) are not finished: Collect data',
    ),
  ).toBeVisible();
  await expect(page.getByLabel('Summary of the findings')).toHaveValue('Too early to say');
  await expect(fact(page, 'Status')).toHaveText('running');
});

test('a command from a stale page shows what changed and applies to the latest version', async ({
  context,
  request,
}) => {
  const workflowId = await createWorkflow(request, uniqueName('Conflict'));
  await runCommands(request, workflowId, [
    { command: 'addStep', title: 'Collect data' },
    { command: 'start' },
  ]);
  const [mine, theirs] = [await context.newPage(), await context.newPage()];
  for (const page of [mine, theirs]) {
    await page.goto(`/workflows/${workflowId}`);
    await waitForHydration(page);
  }

  await theirs.getByRole('button', { name: 'Pause' }).click();
  await theirs.getByLabel('Reason for pausing (optional)').fill('Budget review');
  await theirs.getByRole('button', { name: 'Pause workflow' }).click();
  await expect(fact(theirs, 'Status')).toHaveText('paused');

  // Completing is not allowed once paused: the conflict says so and offers no resend.
  await commands(mine).getByRole('button', { name: 'Complete' }).click();
  await mine.getByLabel('Summary of the findings').fill('All done');
  await mine.getByRole('button', { name: 'Complete workflow' }).click();
  const refused = alert(mine, 'Someone else changed this workflow (now version 4).');
  await expect(refused).toBeVisible();
  await expect(refused.getByRole('list', { name: 'What changed' })).toContainText(
    'Statusrunning → paused',
  );
  await expect(refused).toContainText('not allowed in a paused workflow');
  await expect(refused.getByRole('button', { name: 'Apply to the latest version' })).toHaveCount(0);
  await expect(mine.getByLabel('Summary of the findings')).toHaveValue('All done');

  // Adding a step is still allowed: resent at version 4, it goes through.
  await mine.getByLabel('New step').fill('Extra analysis');
  await mine.getByRole('button', { name: 'Add step' }).click();
  const conflict = alert(mine, 'Someone else changed this workflow').filter({
    has: mine.getByRole('button', { name: 'Apply to the latest version' }),
  });
  await expect(conflict.getByRole('list', { name: 'What changed' })).toContainText(
    'Statusrunning → paused',
  );
  await expect(mine.getByLabel('New step')).toHaveValue('Extra analysis');
  await conflict.getByRole('button', { name: 'Apply to the latest version' }).click();

  await expect(stepRow(mine, 'Extra analysis')).toContainText('pending');
  await expect(fact(mine, 'Version')).toHaveText('5');
  await expect(fact(mine, 'Status')).toHaveText('paused');
  await expect(mine.getByLabel('New step')).toHaveValue('');
  await expect(mine.getByRole('alert').filter({ hasText: 'Someone else' })).toHaveCount(0);
});

test('lists workflows most recently changed first, by status and title', async ({
  page,
  request,
}) => {
  const prefix = uniqueName('Listing');
  await createWorkflow(request, `${prefix} alpha`);
  const beta = await createWorkflow(request, `${prefix} beta`);
  await runCommands(request, beta, [{ command: 'start' }]);
  const titles = page.getByRole('table').getByRole('link', { name: new RegExp(prefix) });

  await page.goto('/workflows');
  await page.getByLabel('Title contains').fill(prefix);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/search=/);
  await expect(titles).toHaveText([`${prefix} beta`, `${prefix} alpha`]);

  await page.getByLabel('Status').selectOption('running');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/status=running/);
  await expect(titles).toHaveText([`${prefix} beta`]);
  await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('running');

  await page.getByLabel('Status').selectOption('cancelled');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(
    page.getByText(`No workflows match status “cancelled” and a title containing “${prefix}”`),
  ).toBeVisible();

  await page.goto('/workflows?status=archived');
  await expect(alert(page, 'status must be one of')).toBeVisible();
});

test('pages through workflows with Next and First', async ({ page, request }) => {
  const prefix = uniqueName('Paging');
  // One after another: the read model's cursor keeps the last change to the millisecond only,
  // so workflows changed within the same millisecond can fall between two pages.
  for (let n = 0; n < 26; n++) {
    await createWorkflow(request, `${prefix} ${String(n).padStart(2, '0')}`);
  }
  const titles = page.getByRole('table').getByRole('link', { name: new RegExp(prefix) });
  await page.goto(`/workflows?search=${encodeURIComponent(prefix)}&limit=25`);
  await expect(titles).toHaveCount(25);
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(titles).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Next' })).toHaveCount(0);
  await page.getByRole('link', { name: 'First' }).click();
  await expect(titles).toHaveCount(25);
});

test('a view at an earlier version shows that version’s figures, its last update among them', async ({
  page,
  request,
}) => {
  const workflowId = await createWorkflow(request, uniqueName('As of'));
  await runCommands(request, workflowId, [
    { command: 'addStep', stepId: 'a', title: 'Collect data' },
    { command: 'addStep', stepId: 'b', title: 'Fit model' },
    { command: 'start' },
  ]);
  const events = await readEvents(request, `workflow-${workflowId}`);
  const at = (version: number) => shownTime(events[version - 1]!.occurredAt);

  await page.goto(`/workflows/${workflowId}?asOf=2`);
  await expect(fact(page, 'Version')).toHaveText('2');
  await expect(fact(page, 'Status')).toHaveText('draft');
  await expect(fact(page, 'Steps done')).toHaveText('0/1');
  await expect(fact(page, 'Created')).toHaveText(at(1));
  await expect(fact(page, 'Last update')).toHaveText(at(2));

  await page.goto(`/workflows/${workflowId}`);
  await expect(fact(page, 'Version')).toHaveText('4');
  await expect(fact(page, 'Last update')).toHaveText(at(4));
});
