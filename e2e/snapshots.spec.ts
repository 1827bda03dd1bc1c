import { expect, test } from '@playwright/test';
import { ACCOUNTS, pageAs } from './support/accounts';
import { waitForHydration } from './support/api';
import { auditTime, expectAuditTrail } from './support/audit';
import { createWorkflow, runCommands, uniqueName } from './support/research-api';

test('snapshot cleanup runs only once confirmed in a dialog, and is on the audit trail', async ({
  page,
}) => {
  const since = auditTime(new Date(Date.now() - 1000));
  await page.goto('/snapshots');
  await waitForHydration(page);
  const run = page.getByRole('button', { name: 'Run cleanup now' });
  const dialog = page.getByRole('dialog', { name: 'Delete old snapshots now?' });
  const done = page.getByText(/^Removed \d+ snapshots?$/);

  await run.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Events are not touched');
  // Cancel has the focus: Enter alone does not delete anything.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  await run.click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(done).toHaveCount(0);

  await run.click();
  await dialog.getByRole('button', { name: 'Delete old snapshots' }).click();
  await expect(dialog).toBeHidden();
  await expect(done).toBeVisible();
  await expectAuditTrail(
    page,
    { action: 'SnapshotCleanup', actor: ACCOUNTS.admin.email, from: since },
    ['SnapshotCleanup succeeded'],
  );
});

test('an operator takes a snapshot of a stream now and sees it listed; an auditor cannot', async ({
  page,
  browser,
}) => {
  const since = auditTime(new Date(Date.now() - 1000));
  const workflowId = await createWorkflow(page.request, uniqueName('Snapshot'));
  const version = await runCommands(page.request, workflowId, [
    { command: 'addStep', stepId: 'a', title: 'A' },
    { command: 'start' },
  ]);
  const streamId = `workflow-${workflowId}`;
  await page.goto('/snapshots');
  await waitForHydration(page);
  await page.getByLabel('Stream id').fill(streamId);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('No snapshots of this stream')).toBeVisible();

  await page.getByRole('button', { name: 'Take a snapshot now' }).click();
  await expect(page.getByText(`Snapshot taken at version ${version}`)).toBeVisible();
  const table = page.getByRole('table').filter({ hasText: 'Taken at' });
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr').getByRole('cell').first()).toHaveText(String(version));
  await expect(page.getByText('Sizes by aggregate type')).toBeVisible();
  await expectAuditTrail(
    page,
    { action: 'SnapshotTake', actor: ACCOUNTS.admin.email, from: since },
    ['SnapshotTake succeeded'],
  );

  const auditor = await pageAs(browser, 'auditor');
  await auditor.goto(`/snapshots?stream=${encodeURIComponent(streamId)}`);
  await expect(auditor.getByText('Taking a snapshot needs the operator role.')).toBeVisible();
  await expect(auditor.getByRole('button', { name: 'Take a snapshot now' })).toHaveCount(0);
  await expect(
    auditor.getByRole('table').filter({ hasText: 'Taken at' }).locator('tbody tr'),
  ).toHaveCount(1);
});
