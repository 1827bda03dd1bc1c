import { expect, test, type Page } from '@playwright/test';
import { notice, signIn, signInFully, signedOutPage } from './support/accounts';
import { waitForHydration } from './support/api';
import { expectAuditTrail } from './support/audit';

const userRow = (page: Page, email: string) =>
  page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: email });

test('an admin invites a user, who signs in; changes their role, disables and enables them', async ({
  page,
  browser,
}) => {
  // A whole journey through two browsers: ten page loads and sign-ins, each 1 to 3.5 s when loaded.
  test.setTimeout(120_000);
  const email = `e2e-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.test`;
  const password = 'first password for e2e';
  await page.goto('/users');
  await waitForHydration(page);
  const invite = async (typed: string) => {
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Name').fill('Invited Person');
    await page.getByLabel('Role', { exact: true }).selectOption('auditor');
    await page.getByLabel('First password').fill(typed);
    await page.getByRole('button', { name: 'Invite user' }).click();
  };
  await invite('too short');
  await expect(page.getByText('A password has at least 12 characters')).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toHaveValue(email);
  await invite(password);
  await expect(page.getByRole('status').filter({ hasText: 'Invited' })).toContainText(
    `${email} can now sign in as auditor`,
  );
  const row = userRow(page, email);
  await expect(row).toContainText('active');
  const userId = (await row.getAttribute('id'))!.replace(/^user-/, '');

  const person = await signedOutPage(browser);
  await signInFully(person, { email, password });
  await person.goto('/workflows');
  await expect(person.getByRole('link', { name: 'New workflow' })).toHaveCount(0);

  await row.getByLabel(`Role of ${email}`).selectOption('operator');
  await row.getByRole('button', { name: 'Save role' }).click();
  await expect(row.getByRole('button', { name: /^(Save role|Saving…)$/ })).toHaveCount(0);
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue('operator');
  // Roles are read on every request: the next page shows what the new role may do.
  await person.reload();
  await expect(person.getByRole('link', { name: 'New workflow' })).toBeVisible();

  await row.getByRole('button', { name: 'Disable' }).click();
  await page
    .getByRole('dialog', { name: `Disable ${email}?` })
    .getByRole('button', {
      name: 'Disable user',
    })
    .click();
  await expect(row).toContainText('disabled');
  // The session ended at once: the next page asked for, even within the app, is the sign-in page.
  await person
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Events' })
    .click();
  await expect(person).toHaveURL(/\/sign-in/);
  await expect(person.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await signIn(person, { email, password });
  await expect(notice(person)).toHaveText('This account is disabled; ask an admin');

  await row.getByRole('button', { name: 'Enable' }).click();
  await expect(row).toContainText('active');
  await signInFully(person, { email, password });

  // The user's own password change; their session goes on.
  await person.goto('/account');
  await waitForHydration(person);
  const change = async (current: string, next: string) => {
    await person.getByLabel('Current password').fill(current);
    await person.getByLabel('New password', { exact: true }).fill(next);
    await person.getByLabel('New password again').fill(next);
    await person.getByRole('button', { name: 'Change password' }).click();
  };
  await change('not my password', 'second password for e2e');
  await expect(person.getByText('not correct')).toBeVisible();
  await change(password, 'second password for e2e');
  await expect(person.getByRole('status').filter({ hasText: 'Changed' })).toBeVisible();
  await person.goto('/workflows');
  await expect(person.getByRole('link', { name: 'New workflow' })).toBeVisible();
  await person.getByRole('button', { name: 'Sign out' }).click();
  await expect(person).toHaveURL(/\/sign-in$/);
  await signIn(person, { email, password });
  await expect(notice(person)).toHaveText('The e-mail address or the password is not correct');
  await signInFully(person, { email, password: 'second password for e2e' });
  await person.context().close();

  await expectAuditTrail(page, { target: `user:${userId}` }, [
    'SignOut succeeded',
    'PasswordChange succeeded',
    'PasswordChange failed',
    'UserEnable succeeded',
    'UserDisable succeeded',
    'UserRoleChange succeeded',
    'UserInvite succeeded',
  ]);
});

test("an admin's own row has no controls: no admin locks themselves out", async ({ page }) => {
  await page.goto('/users');
  const own = page
    .getByRole('table', { name: 'Users' })
    .getByRole('row')
    .filter({ hasText: 'you' });
  await expect(own).toHaveCount(1);
  await expect(own.getByRole('button')).toHaveCount(0);
  await expect(own.getByRole('combobox')).toHaveCount(0);
});
