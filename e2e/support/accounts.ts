import { expect, type Browser, type Page } from '@playwright/test';

export type Role = 'auditor' | 'operator' | 'admin';

/** Test-only accounts: the admin is made by the server at start-up, the others by auth.setup.ts. */
export const ACCOUNTS: Record<Role, { email: string; password: string; name: string }> = {
  admin: { email: 'admin@e2e.test', password: 'e2e-admin-password-0001', name: 'E2E Admin' },
  operator: {
    email: 'operator@e2e.test',
    password: 'e2e-operator-password-0001',
    name: 'E2E Operator',
  },
  auditor: {
    email: 'auditor@e2e.test',
    password: 'e2e-auditor-password-0001',
    name: 'E2E Auditor',
  },
};

/** The page's notice (a refusal, an error): not Next's empty announcer of page changes. */
export const notice = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

/** Where auth.setup.ts keeps each role's signed-in browser state. */
export const storageStateOf = (role: Role) => `.data/e2e/auth/${role}.json`;

/** Signs in through the sign-in page, as a person does. */
export async function signIn(
  page: Page,
  { email, password }: { email: string; password: string },
  path = '/sign-in',
): Promise<void> {
  await page.goto(path);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits for the console: the shell names who is signed in. */
export async function signInFully(
  page: Page,
  account: { email: string; password: string },
): Promise<void> {
  await signIn(page, account);
  await expect(page.getByTestId('signed-in-as')).toHaveText(account.email);
}

/** A page in a browser of its own, signed in as `role` (the session auth.setup.ts made). */
export async function pageAs(browser: Browser, role: Role): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(role) });
  return context.newPage();
}

/** A page in a fresh browser: nobody signed in. */
export async function signedOutPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}
