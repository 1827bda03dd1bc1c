import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { appendEvents } from './api';

/** The progress panel of the replay of a projection, once the page shows it. */
export const replayPanel = (page: Page, projection: string): Locator =>
  page.getByRole('region', { name: `Replay of ${projection}` });

/** The projection's row in the Projections table. */
export const projectionRow = (page: Page, projection: string): Locator =>
  page.getByTestId(`projection-${projection}`);

/**
 * Many small events in one stream, a thousand a request: enough for a replay of every event
 * (event-stats) to run for a while in the e2e server's small batches.
 */
export async function seedEvents(
  request: APIRequestContext,
  streamId: string,
  total: number,
): Promise<void> {
  for (let start = 0; start < total; start += 1000) {
    const size = Math.min(1000, total - start);
    await appendEvents(
      request,
      streamId,
      Array.from({ length: size }, (_, i) => ({ type: 'Ticked', data: { n: start + i } })),
    );
  }
}

/** Waits until no replay of the projection is queued or running (another spec's, or a past run's). */
export async function waitForIdle(page: Page, projection: string): Promise<void> {
  await expect(async () => {
    await page.goto('/projections');
    await expect(projectionRow(page, projection).getByText('replaying')).toHaveCount(0);
  }).toPass({ timeout: 60_000 });
}
