import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { appendEvents, createStreams, uniqueCategory, waitForHydration } from './support/api';
import { createWorkflow, runCommands, uniqueName } from './support/research-api';

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

  // The explorer and an event's page: a causation chain over four streams, with a branch.
  const ids = Array.from({ length: 5 }, () => crypto.randomUUID());
  const correlationId = crypto.randomUUID();
  const chain: [string, string, number | null][] = [
    [`${category}-order-17`, 'OrderPlaced', null],
    [`${category}-payment-17`, 'PaymentTaken', 0],
    [`${category}-shipping-17`, 'ParcelSent', 1],
    [`${category}-mail-17`, 'ReceiptMailed', 1],
    [`${category}-shipping-17`, 'ParcelDelivered', 2],
  ];
  for (const [n, [streamId, type, cause]] of chain.entries()) {
    await appendEvents(request, streamId, [
      {
        eventId: ids[n],
        type,
        data: { step: n, note: `${type} for order 17`, lines: [{ sku: 'A-1', qty: 2 }] },
        metadata: { correlationId, ...(cause === null ? {} : { causationId: ids[cause] }) },
      },
    ]);
  }
  await shoot('explorer-filtered', `/events?category=${category}&actor=bootstrap&limit=25`);
  await shoot(
    'explorer-occurred',
    `/events?category=${category}&occurredFrom=2024-03-01T00:00:00&occurredTo=2024-03-02T00:00:00`,
  );
  await shoot('explorer-paged', `/events?category=${category}&limit=25&after=0`, async () => {
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: 'Next' })
      .click();
    await page.getByRole('link', { name: 'Previous' }).waitFor();
  });
  await shoot('explorer-live', `/events?category=${category}&live=1`, async () => {
    await page.getByText('Following new events as they commit').waitFor();
    await appendEvents(request, `${category}-order-17`, [{ type: 'OrderNoted', data: {} }]);
    await page.getByRole('table').getByText('OrderNoted').waitFor();
  });
  await shoot('explorer-live-away', `/events?category=${category}&live=1`, async () => {
    await page.getByText('Following new events as they commit').waitFor();
    await page.evaluate(() => window.scrollTo(0, 400));
    await appendEvents(request, `${category}-order-17`, [{ type: 'OrderNoted', data: {} }]);
    await page.getByRole('button', { name: '1 new event' }).waitFor();
  });
  await shoot('explorer-empty', `/events?category=${category}&stream=${category}-nothing`);
  await shoot('explorer-invalid', `/events?occurredFrom=someday`);
  await shoot('event', `/events/${ids[1]}`, async () => {
    await page.locator('.react-flow__node').first().waitFor();
  });
  await page.setViewportSize({ width: 1280, height: 1400 });
  await shoot('event-full', `/events/${ids[2]}`, async () => {
    await page.locator('.react-flow__node').first().waitFor();
  });
  await shoot('event-root', `/events/${ids[0]}`, async () => {
    await page.locator('.react-flow__node').first().waitFor();
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await shoot('event-not-found', `/events/${crypto.randomUUID()}`);
  await shoot('integrity', '/integrity', async () => {
    await page.getByRole('button', { name: 'Take a digest now' }).click();
    await page.getByText(/events in [\d,]+ streams/).waitFor();
  });
});

/** The stream page's timeline and time travel, the snapshots page and the dashboard's log health. */
test('screenshots of the timeline, time travel, snapshots and log health', async ({ page }) => {
  mkdirSync(DIR, { recursive: true });
  const workflowId = await createWorkflow(page.request, uniqueName('Sleep and recall'));
  await runCommands(page.request, workflowId, [
    { command: 'addStep', stepId: 'collect', title: 'Collect the sleep diaries' },
    { command: 'addStep', stepId: 'analyse', title: 'Analyse recall scores' },
    { command: 'start' },
    { command: 'startStep', stepId: 'collect' },
    { command: 'completeStep', stepId: 'collect', output: { diaries: 120 } },
    { command: 'startStep', stepId: 'analyse' },
  ]);
  const streamId = `workflow-${workflowId}`;
  const full = async (name: string, path: string, act?: () => Promise<void>) => {
    await page.goto(path);
    await waitForHydration(page);
    await act?.();
    await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: true });
  };
  const stream = `/streams/${encodeURIComponent(streamId)}`;
  await full('timeline-compact', stream, async () => {
    await page.getByLabel('Point in history: version', { exact: true }).fill('3');
    await page.getByTestId('version-reached').filter({ hasText: '3' }).waitFor();
    await page.getByRole('button', { name: 'Expand all' }).click();
  });
  await full('timeline-full', stream, async () => {
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Full' }).click();
    await page
      .getByRole('group', { name: 'Point in history: by' })
      .getByRole('button', { name: 'Time' })
      .click();
  });
  await full('timeline-raw', stream, async () => {
    await page
      .getByRole('group', { name: 'View' })
      .getByRole('button', { name: 'Raw JSON' })
      .click();
    await page.getByRole('button', { name: 'Expand all' }).click();
  });
  await full('snapshots-stream', `/snapshots?stream=${encodeURIComponent(streamId)}`, async () => {
    await page.getByRole('button', { name: 'Take a snapshot now' }).click();
    await page.getByText(/Snapshot taken at version/).waitFor();
  });
  await full('snapshots-unknown', '/snapshots?stream=workflow-none');
  await full('snapshots-invalid', '/snapshots?stream=bad%20id');
  await full('dashboard-full', '/');
});
