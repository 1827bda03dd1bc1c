import { expect, test, type Page } from '@playwright/test';
import { createStreams, uniqueCategory } from './support/api';

const pad = (n: number) => String(n).padStart(2, '0');

/** The stream links of the Streams table, in the order shown. */
const streamLinks = (page: Page, category: string) =>
  page.getByRole('table').getByRole('link', { name: new RegExp(`^${category}-`) });

test.describe('Streams page', () => {
  let category: string;
  const ids = (kind: string, count: number) =>
    Array.from({ length: count }, (_, i) => `${category}-${kind}-${pad(i)}`);

  test.beforeAll(async ({ request }) => {
    category = uniqueCategory();
    // 60 streams: more than two pages of 25, and two id prefixes to search by.
    await createStreams(request, [
      ...ids('alpha', 30),
      ...ids('beta', 29),
      `${category}-gamma:eu.1`,
    ]);
  });

  test('filters by category and pages with Next and First', async ({ page }) => {
    await page.goto('/streams');
    await page.getByLabel('Category').selectOption(category);
    await page.getByLabel('Per page').selectOption('25');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(new RegExp(`category=${category}`));

    const links = streamLinks(page, category);
    await expect(links).toHaveCount(25);
    await expect(links.first()).toHaveText(`${category}-alpha-00`);
    await expect(links.last()).toHaveText(`${category}-alpha-24`);
    await expect(page.getByText(/25 streams on this page, category/)).toBeVisible();

    await page.getByRole('link', { name: 'Next' }).click();
    await expect(links.first()).toHaveText(`${category}-alpha-25`);
    await expect(links).toHaveCount(25);

    await page.getByRole('link', { name: 'Next' }).click();
    await expect(links).toHaveCount(10);
    await expect(links.last()).toHaveText(`${category}-gamma:eu.1`);
    await expect(page.getByRole('link', { name: 'Next' })).toHaveCount(0);

    await page.getByRole('link', { name: 'First' }).click();
    await expect(links.first()).toHaveText(`${category}-alpha-00`);
  });

  test('searches by id prefix and sorts by stream id', async ({ page }) => {
    await page.goto('/streams');
    await page.getByLabel('Stream id starts with').fill(`${category}-beta-1`);
    await page.getByRole('button', { name: 'Apply' }).click();
    const links = streamLinks(page, category);
    await expect(links).toHaveCount(10);
    await expect(links.first()).toHaveText(`${category}-beta-10`);

    await page.getByRole('link', { name: 'Stream', exact: true }).click();
    await expect(page).toHaveURL(/sort=-streamId/);
    await expect(links.first()).toHaveText(`${category}-beta-19`);
  });

  test('says when nothing matches and links ids with : and . to their stream page', async ({
    page,
  }) => {
    await page.goto(`/streams?prefix=${category}-delta`);
    await expect(page.getByText(`No streams match id prefix “${category}-delta”`)).toBeVisible();

    await page.goto(`/streams?prefix=${category}-gamma`);
    await streamLinks(page, category).click();
    await expect(page.getByRole('heading', { name: `${category}-gamma:eu.1` })).toBeVisible();
  });

  test('explains invalid filters instead of failing', async ({ page }) => {
    await page.goto('/streams?limit=7&sort=size');
    const notice = page.getByRole('alert').filter({ hasText: 'These filters are not valid' });
    await expect(notice).toContainText('limit must be one of 25, 50, 100');
    await expect(notice).toContainText('sort must be one of');
  });
});
