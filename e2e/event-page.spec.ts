import { expect, test } from '@playwright/test';
import { appendEvents, uniqueCategory, waitForHydration } from './support/api';

/**
 * A → B → C across three streams, D branching from B, all of one correlation, and an event of
 * another correlation in A's stream.
 */
async function seedChain(request: Parameters<typeof appendEvents>[0]) {
  const category = uniqueCategory();
  const correlationId = crypto.randomUUID();
  const [a, b, c, d] = Array.from({ length: 4 }, () => crypto.randomUUID()) as [
    string,
    string,
    string,
    string,
  ];
  const event = (eventId: string, type: string, causationId?: string) => ({
    eventId,
    type,
    data: { note: type },
    metadata: { correlationId, ...(causationId ? { causationId } : {}) },
  });
  await appendEvents(request, `${category}-order`, [event(a, 'OrderPlaced')]);
  await appendEvents(request, `${category}-payment`, [event(b, 'PaymentTaken', a)]);
  await appendEvents(request, `${category}-shipping`, [event(c, 'ParcelSent', b)]);
  await appendEvents(request, `${category}-mail`, [event(d, 'ReceiptMailed', b)]);
  await appendEvents(request, `${category}-order`, [
    {
      eventId: crypto.randomUUID(),
      type: 'Unrelated',
      data: {},
      metadata: { correlationId: crypto.randomUUID() },
    },
  ]);
  return { category, correlationId, a, b, c, d };
}

test("an event's page shows its facts, its causation chain and its correlation group", async ({
  page,
  request,
}) => {
  const { category, correlationId, a, b, c } = await seedChain(request);
  await page.goto(`/events/${b}`);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'PaymentTaken' })).toBeVisible();
  await expect(page.getByText(`${category}-payment`).first()).toBeVisible();
  await expect(page.getByText('Occurred at')).toBeVisible();
  await expect(page.getByText('Recorded at')).toBeVisible();
  await expect(page.getByRole('tree', { name: 'Data', exact: true })).toBeVisible();

  const chain = page.getByRole('list', { name: 'Causation chain' });
  await expect(chain.getByRole('listitem')).toHaveCount(4);
  await expect(chain.getByRole('listitem').nth(0)).toContainText('OrderPlaced');
  await expect(chain.getByRole('listitem').nth(0)).toContainText('root');
  await expect(chain.getByRole('listitem').nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(chain.getByRole('listitem').nth(2)).toContainText('ParcelSent');
  await expect(chain.getByRole('listitem').nth(3)).toContainText('ReceiptMailed');

  const timeline = page.getByRole('list', { name: 'Correlation timeline' });
  await expect(timeline.getByRole('listitem')).toHaveCount(4);
  await expect(timeline).not.toContainText('Unrelated');

  const graph = page.locator('.react-flow');
  await expect(graph.locator('.react-flow__node')).toHaveCount(4);
  await expect(graph.locator('.react-flow__edge')).toHaveCount(3);
  await expect(graph.getByRole('link', { name: /PaymentTaken .*\(this event\)/ })).toBeVisible();

  await graph
    .getByRole('link', { name: new RegExp(`^ParcelSent ${category}-shipping`) })
    .click();
  await expect(page).toHaveURL(new RegExp(`/events/${c}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'ParcelSent' })).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Causation chain' }).getByRole('listitem'),
  ).toHaveCount(3);

  await page
    .getByRole('list', { name: 'Causation chain' })
    .getByRole('link', { name: 'OrderPlaced' })
    .click();
  await expect(page).toHaveURL(new RegExp(`/events/${a}$`));

  await page.getByRole('link', { name: correlationId }).first().click();
  await expect(page).toHaveURL(new RegExp(`/events\\?correlationId=${correlationId}`));
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: category })).toHaveCount(
    4,
  );
});

test('event rows open the event page, whose actor links back to the explorer', async ({
  page,
  request,
}) => {
  const { category, b } = await seedChain(request);
  await page.goto(`/events?stream=${category}-payment`);
  await waitForHydration(page);
  await page
    .getByRole('row')
    .filter({ hasText: 'PaymentTaken' })
    .getByRole('link', { name: /^Open the event at position / })
    .click();
  await expect(page).toHaveURL(new RegExp(`/events/${b}$`));
  await page.getByRole('link', { name: 'bootstrap', exact: true }).click();
  await expect(page).toHaveURL(/\/events\?actor=bootstrap/);
});

test('an unknown or malformed event id is not found', async ({ page }) => {
  for (const id of [crypto.randomUUID(), 'not-a-uuid']) {
    await page.goto(`/events/${id}`);
    await expect(page.getByText('Event not found')).toBeVisible();
  }
});
