import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, pageAs } from './support/accounts';
import { E2E_TOKEN, waitForHydration } from './support/api';
import { expectAuditTrail } from './support/audit';
import { uniqueName } from './support/research-api';

const auth = { Authorization: `Bearer ${E2E_TOKEN}` };

const subjectRow = (page: Page, streamId: string) =>
  page
    .getByRole('table', { name: 'Data subjects' })
    .locator('tbody > tr')
    .filter({ has: page.getByRole('link', { name: streamId, exact: true }) });

test('an admin erases a workflow requester: confirmed, listed as erased, null everywhere, audited', async ({
  page,
  request,
}) => {
  const email = `${uniqueName('req').replace(' ', '.')}@example.org`;
  const created = await request.post('/api/v1/workflows', {
    headers: auth,
    data: {
      title: uniqueName('Erasure'),
      question: 'Who asked?',
      methodology: { design: 'survey' },
      requestedBy: email,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { workflowId } = (await created.json()) as { workflowId: string };
  const streamId = `workflow-${workflowId}`;

  await page.goto(`/workflows/${workflowId}`);
  await expect(page.getByText(email)).toBeVisible();

  await page.goto('/subjects');
  await waitForHydration(page);
  const row = subjectRow(page, streamId);
  await expect(row).toContainText('1 event');
  const subjectId = (await row.locator('td').first().innerText()).trim();
  expect(subjectId).toMatch(/^email:/);
  expect(await page.content()).not.toContain(email);
  mkdirSync('/tmp/screens', { recursive: true });
  await page.screenshot({ path: '/tmp/screens/subjects.png', fullPage: true });

  // Asked to erase a person, an admin finds them by address (compared case-blind).
  await page.getByRole('textbox', { name: 'Find by e-mail address' }).fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]email=/);
  await expect(page.getByText('1 subject', { exact: true })).toBeVisible();
  await expect(row.locator('td').first()).toHaveText(subjectId);
  await waitForHydration(page);

  const dialog = page.getByRole('dialog', { name: 'Erase this data subject?' });
  await row.getByRole('button', { name: 'Erase' }).click();
  await expect(dialog).toContainText('This cannot be undone');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: '/tmp/screens/subjects-erase-dialog.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(row.getByRole('button', { name: 'Erase' })).toBeVisible();

  await row.getByRole('button', { name: 'Erase' }).click();
  await dialog.getByRole('button', { name: 'Erase subject' }).click();
  await expect(row).toContainText(`by ${ACCOUNTS.admin.email}`);
  await expect(row.getByRole('button', { name: 'Erase' })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/screens/subjects-erased.png', fullPage: true });

  const read = await request.get(`/api/v1/streams/${streamId}/events`, { headers: auth });
  const { events } = (await read.json()) as {
    events: { eventId: string; data: { requestedBy: unknown }; erasedFields?: string[] }[];
  };
  expect(events[0]!.data.requestedBy).toBeNull();
  expect(events[0]!.erasedFields).toEqual(['/requestedBy']);
  await page.goto(`/events/${events[0]!.eventId}`);
  await expect(page.getByText('Erased personal data')).toContainText('/requestedBy');
  await page.goto(`/workflows/${workflowId}`);
  await expect(page.getByText('Erased (personal data)')).toBeVisible();
  await expect(page.getByText(email)).toHaveCount(0);

  await expectAuditTrail(page, { target: `subject:${subjectId}` }, ['SubjectErase succeeded']);
});

test('only admins see the data subjects', async ({ browser }) => {
  const operator = await pageAs(browser, 'operator');
  await operator.goto('/subjects');
  await expect(operator.getByText('This page needs the admin role')).toBeVisible();
  await expect(operator.getByRole('link', { name: 'Data subjects' })).toHaveCount(0);
  await operator.context().close();
});
