import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  ACCOUNTS,
  notice,
  pageAs,
  signIn,
  signInFully,
  signedOutPage,
  type Role,
} from './support/accounts';
import { appendEvents, uniqueCategory, waitForHydration } from './support/api';
import { auditRow, auditTime, expectAuditTrail } from './support/audit';
import { createWorkflow, fact, readEvents, uniqueName } from './support/research-api';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const commands = (page: Page) => page.getByRole('group', { name: 'Workflow commands' });
const notAllowed = (page: Page) => page.getByRole('heading', { name: 'Not allowed' });

test('signed out, every page leads to the sign-in page, which sends the user on afterwards', async ({
  browser,
}) => {
  const page = await signedOutPage(browser);
  for (const path of [
    '/',
    '/streams',
    '/events',
    '/workflows/new',
    '/audit',
    '/users',
    '/tokens',
  ]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/sign-in(\?|$)/);
  }
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(nav(page)).toHaveCount(0);

  await signIn(page, ACCOUNTS.auditor, '/sign-in?next=%2Faudit%3Faction%3DSignIn');
  await expect(page).toHaveURL(/\/audit\?action=SignIn$/);
  await expect(page.getByTestId('signed-in-as')).toHaveText(ACCOUNTS.auditor.email);

  // Signed in, the sign-in page has nothing to offer; a link to another site is not followed.
  await page.goto('/sign-in?next=https://example.org/');
  await expect(page).toHaveURL(/\/$/);
  await page.context().close();
});

test('a wrong password shows an error, keeps the address and signs nobody in', async ({
  browser,
}) => {
  const page = await signedOutPage(browser);
  await signIn(page, { email: ACCOUNTS.operator.email, password: 'not the password at all' });
  await expect(notice(page)).toHaveText('The e-mail address or the password is not correct');
  await expect(page.getByLabel('E-mail address')).toHaveValue(ACCOUNTS.operator.email);
  await expect(page.getByLabel('Password')).toHaveValue('');
  await page.goto('/workflows');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.context().close();
});

/** What each role finds on the pages whose controls depend on the role. */
async function visit(browser: Browser, role: Role, workflowId: string, streamId: string) {
  const page = await pageAs(browser, role);
  await page.goto('/workflows');
  await waitForHydration(page);
  const seen = {
    adminMenu: await nav(page)
      .getByRole('link', { name: /^(Users|API tokens)$/ })
      .count(),
    audit: await nav(page).getByRole('link', { name: 'Audit' }).count(),
    newWorkflow: await page.getByRole('link', { name: 'New workflow' }).count(),
    commands: 0,
    addStep: 0,
    cleanup: 0,
    verify: 0,
    users: false,
    tokens: false,
    newWorkflowPage: false,
  };
  await page.goto(`/workflows/${workflowId}`);
  await expect(fact(page, 'Status')).toHaveText('draft');
  seen.commands = await commands(page).getByRole('button').count();
  seen.addStep = await page.getByLabel('New step').count();
  await page.goto('/snapshots');
  await expect(page.getByRole('heading', { name: 'Snapshots' })).toBeVisible();
  seen.cleanup = await page.getByRole('button', { name: 'Run cleanup now' }).count();
  await page.goto(`/streams/${streamId}`);
  seen.verify = await page.getByRole('button', { name: 'Verify chain' }).count();
  for (const [key, path] of [
    ['users', '/users'],
    ['tokens', '/tokens'],
    ['newWorkflowPage', '/workflows/new'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    seen[key] = (await notAllowed(page).count()) === 0;
  }
  await page.context().close();
  return seen;
}

test('each role sees only the controls it may use', async ({ browser, request }) => {
  // Seven pages for each of three roles: 21 server renders, 1 to 3.5 s each on a loaded machine.
  test.setTimeout(120_000);
  const workflowId = await createWorkflow(request, uniqueName('Roles'));
  const streamId = `${uniqueCategory()}-1`;
  await appendEvents(request, streamId, [{ type: 'Opened', data: {} }]);
  const none = { commands: 0, addStep: 0, cleanup: 0, newWorkflow: 0 };
  const operating = { commands: 2, addStep: 1, cleanup: 1, newWorkflow: 1 };
  expect(await visit(browser, 'auditor', workflowId, streamId)).toEqual({
    ...none,
    adminMenu: 0,
    audit: 1,
    verify: 1,
    users: false,
    tokens: false,
    newWorkflowPage: false,
  });
  expect(await visit(browser, 'operator', workflowId, streamId)).toEqual({
    ...operating,
    adminMenu: 0,
    audit: 1,
    verify: 1,
    users: false,
    tokens: false,
    newWorkflowPage: true,
  });
  expect(await visit(browser, 'admin', workflowId, streamId)).toEqual({
    ...operating,
    adminMenu: 2,
    audit: 1,
    verify: 1,
    users: true,
    tokens: true,
    newWorkflowPage: true,
  });
});

test('a page a role may not use says so, naming the role it needs', async ({ browser }) => {
  const page = await pageAs(browser, 'auditor');
  await page.goto('/users');
  await expect(notAllowed(page)).toBeVisible();
  await expect(notice(page)).toContainText(
    `This page needs the admin role; you (${ACCOUNTS.auditor.email}) have the auditor role.`,
  );
  await page.context().close();
});

/** What the browser sent for a server action, to send it again by other means. */
type CapturedAction = { url: string; headers: Record<string, string>; body: string };

/** Clicks in `act` and captures the server action it posts, which never reaches the server. */
async function captureAction(page: Page, act: () => Promise<void>): Promise<CapturedAction> {
  let captured: CapturedAction | undefined;
  await page.route('**/*', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST' || !request.headers()['next-action']) {
      return route.continue();
    }
    captured = {
      url: request.url(),
      headers: request.headers(),
      body: request.postData() ?? '',
    };
    await route.abort();
  });
  await act();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  return captured!;
}

/** Sends a captured server action from `page`'s browser (its cookies), with the given Origin. */
async function replay(page: Page, action: CapturedAction, origin: string | null) {
  const headers = Object.fromEntries(
    Object.entries(action.headers).filter(
      ([name]) => !['cookie', 'origin', 'content-length', 'host'].includes(name),
    ),
  );
  const response = await page.request.post(action.url, {
    headers: origin === null ? headers : { ...headers, origin },
    data: action.body,
  });
  return { status: response.status(), text: await response.text() };
}

test('an operator runs a workflow command; an auditor has no button, and a forged one is refused', async ({
  browser,
  request,
  baseURL,
}) => {
  const workflowId = await createWorkflow(request, uniqueName('Forged'));
  const streamId = `workflow-${workflowId}`;
  const operator = await pageAs(browser, 'operator');
  await operator.goto(`/workflows/${workflowId}`);
  await waitForHydration(operator);
  const start = await captureAction(operator, () =>
    commands(operator).getByRole('button', { name: 'Start' }).click(),
  );

  const auditor = await pageAs(browser, 'auditor');
  await auditor.goto(`/workflows/${workflowId}`);
  await expect(fact(auditor, 'Status')).toHaveText('draft');
  await expect(commands(auditor)).toHaveCount(0);
  const asAuditor = await replay(auditor, start, baseURL!);
  expect(asAuditor.text).toContain(
    `This needs the operator role; ${ACCOUNTS.auditor.email} has auditor`,
  );
  // The operator's own session, but not from a page of this site.
  const withoutOrigin = await replay(operator, start, null);
  expect(withoutOrigin.text).toContain('This request did not come from a page of this console');
  const foreign = await replay(operator, start, 'https://evil.example');
  expect(foreign.text).not.toContain('"ok":true');
  expect((await readEvents(request, streamId)).map((event) => event.version)).toEqual([1]);

  await operator.reload();
  await waitForHydration(operator);
  await commands(operator).getByRole('button', { name: 'Start' }).click();
  await expect(fact(operator, 'Status')).toHaveText('running');
  await expect(fact(auditor, 'Status')).toHaveText('draft');
  await auditor.reload();
  await expect(fact(auditor, 'Status')).toHaveText('running');

  // The refusal is on the audit trail, with who tried.
  await expectAuditTrail(auditor, { action: 'WorkflowCommand', target: streamId }, [
    'WorkflowCommand succeeded',
    'WorkflowCommand refused',
  ]);
  await expect(auditRow(auditor, 'WorkflowCommand')).toContainText(ACCOUNTS.operator.email);
  await operator.context().close();
  await auditor.context().close();
});

test('signing out ends the session, and the Audit page shows the sign-in, the command and the sign-out', async ({
  browser,
  request,
}) => {
  const since = auditTime(new Date(Date.now() - 1000));
  const workflowId = await createWorkflow(request, uniqueName('Signed out'));
  const page = await signedOutPage(browser);
  await signInFully(page, ACCOUNTS.operator);
  await page.goto(`/workflows/${workflowId}`);
  await waitForHydration(page);
  await commands(page).getByRole('button', { name: 'Start' }).click();
  await expect(fact(page, 'Status')).toHaveText('running');
  const cookies = await page.context().cookies();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(nav(page)).toHaveCount(0);
  await page.goto(`/workflows/${workflowId}`);
  await expect(page).toHaveURL(/\/sign-in/);
  // The session ended on the server: a copy of its cookie signs no one in.
  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const copied = await copy.newPage();
  await copied.goto('/workflows');
  await expect(copied).toHaveURL(/\/sign-in/);
  await copy.close();
  await page.context().close();

  const auditor = await pageAs(browser, 'auditor');
  await expectAuditTrail(
    auditor,
    { actor: ACCOUNTS.operator.email, from: since, action: 'SignIn,WorkflowCommand,SignOut' },
    ['SignOut succeeded', 'WorkflowCommand succeeded', 'SignIn succeeded'],
  );
  const command = auditRow(auditor, 'WorkflowCommand');
  await expect(command).toContainText('operator · session');
  await command.getByRole('button', { name: 'WorkflowCommand', exact: true }).click();
  await expect(auditor.getByRole('tree', { name: 'Detail' })).toContainText(/"command":\s?"start"/);
  await command.getByRole('link', { name: `workflow-${workflowId}` }).click();
  await expect(auditor).toHaveURL(new RegExp(`/workflows/${workflowId}$`));
  await auditor.context().close();
});

test('reading event data and verifying a chain are on the audit trail, once per page and act', async ({
  browser,
  request,
}) => {
  const streamId = `${uniqueCategory()}-read`;
  await appendEvents(request, streamId, [{ type: 'Opened', data: {} }]);
  const auditor = await pageAs(browser, 'auditor');
  await auditor.goto(`/streams/${streamId}`);
  await waitForHydration(auditor);
  await auditor.getByRole('button', { name: 'Verify chain' }).click();
  await expect(auditor.getByText('Chain valid')).toBeVisible();
  await expectAuditTrail(auditor, { action: 'EventDataRead,StreamVerify', target: streamId }, [
    'StreamVerify succeeded',
    'EventDataRead succeeded',
  ]);
  const row = auditRow(auditor, 'EventDataRead');
  await expect(row).toContainText(ACCOUNTS.auditor.email);
  await expect(row).toContainText('auditor · session');
  await expect(row.getByRole('link', { name: streamId })).toHaveAttribute(
    'href',
    `/streams/${streamId}`,
  );
  await auditor.context().close();
});
