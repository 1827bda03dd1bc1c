import { test } from '@playwright/test';
test('shot', async ({ page }) => {
  await page.goto('/integrity');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: '/tmp/screens/integrity.png', fullPage: true });
});
