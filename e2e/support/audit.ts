import { expect, type Locator, type Page } from '@playwright/test';

/** The audit page with these filters, e.g. `{ actor: 'alice@', from: '2026-01-01T00:00:00' }`. */
export const auditHref = (filters: Record<string, string>) =>
  `/audit?${new URLSearchParams(filters).toString()}`;

/** The time a filter of the audit page takes: UTC, to the second. */
export const auditTime = (date: Date) => date.toISOString().slice(0, 19);

export const auditRows = (page: Page): Locator =>
  page.getByRole('table', { name: 'Audit trail' }).locator('tbody > tr');

/**
 * Waits for the audit trail to show exactly these acts, newest first (`Action outcome` each):
 * the trail takes an act in within a moment of it, so the page is reloaded until it does.
 */
export async function expectAuditTrail(
  page: Page,
  filters: Record<string, string>,
  acts: string[],
): Promise<void> {
  await expect(async () => {
    await page.goto(auditHref(filters));
    const shown = await auditRows(page).evaluateAll((rows) =>
      rows.map((row) => {
        // The action and its outcome beneath it, laid out as lines.
        const cell = row.querySelectorAll('td')[2] as HTMLElement | undefined;
        return cell?.innerText.replace(/\s+/g, ' ').trim();
      }),
    );
    expect(shown).toEqual(acts);
  }).toPass({ timeout: 15_000 });
}

/** The row of the newest act of this action on the page. */
export const auditRow = (page: Page, action: string): Locator =>
  auditRows(page)
    .filter({ has: page.getByRole('button', { name: action, exact: true }) })
    .first();
