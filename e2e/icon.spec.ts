import { expect, test } from '@playwright/test';

test('the console has an icon: no page asks for one that is missing', async ({ page, request }) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto('/');
  await page.goto('/streams');
  await expect(page.getByRole('heading', { name: 'Streams' })).toBeVisible();

  const href = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute('href');
  const icon = await request.get(href ?? '/icon.svg');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  // Clients that ask for the old name without reading the page get it too.
  expect((await request.get('/favicon.ico')).status()).toBe(200);
  expect(missing).toEqual([]);
});
