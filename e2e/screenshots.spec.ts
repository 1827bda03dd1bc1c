import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { appendEvents, createStreams, uniqueCategory, waitForHydration } from './support/api';

const DIR = '/tmp/screens';

/** Not a test: pictures of every page, to look at after a change to the console's look. */
test('screenshots of each console page', async ({ page, request }) => {
  mkdirSync(DIR, { recursive: true });
  const category = uniqueCategory();
  const streamId = `${category}-workflow:eu.7`;
  await createStreams(
    request,
    Array.from({ length: 12 }, (_, i) => `${category}-item-${i}`),
  );
  await appendEvents(
    request,
    streamId,
    Array.from({ length: 30 }, (_, i) => ({
      type: ['StepStarted', 'StepCompleted', 'AgentAssigned'][i % 3] ?? 'StepStarted',
      data: {
        stepId: `step-${i}`,
        output: { summary: `Result of step ${i}`, tokens: { in: 1200 + i, out: 300 + i } },
        tags: ['literature', 'review'],
      },
      metadata: { correlationId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    })),
  );

  // Imported history: business times long before the recording.
  await appendEvents(
    request,
    `${category}-import`,
    ['2024-03-01T10:00:00.000Z', '2024-03-02T11:30:00.000Z'].map((occurredAt, n) => ({
      type: 'Imported',
      data: { n },
      occurredAt,
    })),
  );

  const shoot = async (name: string, path: string, act?: () => Promise<void>) => {
    await page.goto(path);
    await waitForHydration(page);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await act?.();
    await page.screenshot({ path: `${DIR}/${name}.png` });
  };

  await shoot('dashboard', '/');
  await shoot('streams', `/streams?category=${category}`);
  await shoot('stream', `/streams/${encodeURIComponent(streamId)}`, async () => {
    await page.getByRole('button', { name: `Show event ${streamId}@29` }).click();
    await page.getByRole('tree', { name: 'Data', exact: true }).waitFor();
  });
  await shoot('verified', `/streams/${encodeURIComponent(streamId)}?limit=25`, async () => {
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText('Chain valid').waitFor();
  });
  await shoot('events', `/events?category=${category}`);
  await shoot('events-types', `/events?type=StepStarted,StepCompleted`, async () => {
    await page.getByRole('button', { name: 'Event types' }).click();
  });
  await shoot('stream-imported', `/streams/${category}-import`);
  await shoot('projections', '/projections');
  await shoot('empty', `/streams?prefix=${category}-none`);
  await shoot('invalid', '/events?after=-4&limit=12');
  await shoot('not-found', `/streams/${category}-missing`);
});
