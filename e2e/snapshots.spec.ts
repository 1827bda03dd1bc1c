import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { waitForHydration } from './support/api';
import { auditTime, expectAuditTrail } from './support/audit';

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
