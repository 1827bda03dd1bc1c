import { expect, test, type Page } from '@playwright/test';
import { appendEvents, uniqueCategory, waitForHydration } from './support/api';

const rowsOf = (page: Page, category: string) =>
  page.getByRole('table').getByRole('row').filter({ hasText: category });

/** The positions a page shows, top to bottom: what identifies the page. */
const positionsOf = (page: Page, category: string) =>
  rowsOf(page, category)
    .getByRole('link', { name: /^Open the event at position / })
    .allInnerTexts();

async function apply(page: Page) {
  await page.getByRole('button', { name: 'Apply' }).click();
}

test('the explorer filters by stream, correlation id, actor, occurred and recorded time, and type', async ({
  page,
  request,
}) => {
  const category = uniqueCategory();
  const correlationId = crypto.randomUUID();
  await appendEvents(request, `${category}-a`, [
    { type: 'Opened', data: {}, occurredAt: '2020-01-01T00:00:00.000Z' },
    {
      type: 'Checked',
      data: {},
      metadata: { correlationId },
      occurredAt: '2020-06-01T00:00:00.000Z',
    },
  ]);
  await appendEvents(request, `${category}-b`, [
    {
      type: 'Opened',
      data: {},
      metadata: { correlationId },
      occurredAt: '2021-01-01T00:00:00.000Z',
    },
  ]);
  const rows = rowsOf(page, category);

  // $all is gap-safe: a transaction another test holds open meanwhile keeps later events back.
  await expect(async () => {
    await page.goto(`/events?category=${category}`);
    await expect(rows).toHaveCount(3, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await waitForHydration(page);
  await expect(page.getByText('3 events shown of 3 matching')).toBeVisible();

  await page.getByRole('textbox', { name: 'Stream', exact: true }).fill(`${category}-a`);
  await apply(page);
  await expect(page).toHaveURL(new RegExp(`stream=${category}-a`));
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: `${category}-b` })).toHaveCount(0);

  await page.goto(`/events?category=${category}`);
  await page.getByRole('textbox', { name: 'Correlation id', exact: true }).fill(correlationId);
  await apply(page);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Checked');
  await expect(rows.nth(1)).toContainText(`${category}-b`);

  // Events written through the API carry the caller as metadata.actor.
  await page.goto(`/events?category=${category}`);
  await page.getByRole('textbox', { name: 'Actor', exact: true }).fill('bootstrap');
  await apply(page);
  // The unfiltered page also shows three rows: wait for the navigation itself before refilling.
  await expect(page).toHaveURL(/actor=bootstrap/);
  await expect(rows).toHaveCount(3);
  await page.getByRole('textbox', { name: 'Actor', exact: true }).fill('nobody-at-all');
  await apply(page);
  await expect(page).toHaveURL(/actor=nobody-at-all/);
  await expect(page.getByText(/^No events match/)).toBeVisible();

  await page.goto(`/events?category=${category}`);
  await page.getByLabel('Occurred from (UTC)').fill('2020-03-01T00:00:00');
  await page.getByLabel('Occurred before (UTC)').fill('2021-01-01T00:00:00');
  await apply(page);
  await expect(page).toHaveURL(/occurredFrom=2020-03-01T00%3A00/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Checked');

  // Recorded time: all three were recorded a moment ago.
  await page.goto(`/events?category=${category}&from=2000-01-01T00:00:00&to=2999-01-01T00:00:00`);
  await expect(rows).toHaveCount(3);
  await page.goto(`/events?category=${category}&from=2999-01-01T00:00:00`);
  await expect(
    page.getByText(/^No events match .*recorded from 2999-01-01T00:00:00 UTC/),
  ).toBeVisible();

  await page.goto(`/events?category=${category}&type=Opened`);
  await expect(rows).toHaveCount(2);

  await page.goto(`/events?category=${category}&occurredFrom=yesterday`);
  await expect(page.getByText('occurred from must be a date and time (UTC)')).toBeVisible();
});

test('the explorer pages both ways: Next then Previous shows the first page again, in either order', async ({
  page,
  request,
}) => {
  const category = uniqueCategory();
  await appendEvents(
    request,
    `${category}-log`,
    Array.from({ length: 30 }, (_, n) => ({ type: `Step${n}`, data: { n } })),
  );
  const footer = page.getByRole('navigation', { name: 'Pages' });
  for (const direction of ['forward', 'backward']) {
    await page.goto(`/events?category=${category}&limit=25&direction=${direction}`);
    await waitForHydration(page);
    const first = await positionsOf(page, category);
    expect(first).toHaveLength(25);
    await expect(footer.getByRole('link', { name: 'Previous' })).toHaveCount(0);

    await footer.getByRole('link', { name: 'Next' }).click();
    await expect(rowsOf(page, category)).toHaveCount(5);
    await expect(rowsOf(page, category).first()).toContainText(
      direction === 'forward' ? 'Step25' : 'Step4',
    );
    await expect(footer.getByRole('link', { name: 'Next' })).toHaveCount(0);

    await footer.getByRole('link', { name: 'Previous' }).click();
    await expect(rowsOf(page, category)).toHaveCount(25);
    expect(await positionsOf(page, category)).toEqual(first);
    await expect(footer.getByRole('link', { name: 'Next' })).toBeVisible();
  }
});

test('live mode shows events appended while watching, and holds still once scrolled away', async ({
  page,
  request,
}) => {
  const category = uniqueCategory();
  await appendEvents(
    request,
    `${category}-feed`,
    Array.from({ length: 40 }, (_, n) => ({ type: `Old${n}`, data: { n } })),
  );
  await page.goto(`/events?category=${category}`);
  await waitForHydration(page);
  const live = page.getByRole('switch', { name: 'Live' });
  await expect(live).toHaveAttribute('aria-checked', 'false');
  await live.click();
  await expect(page).toHaveURL(/live=1/);
  await expect(live).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText('Following new events as they commit')).toBeVisible();
  const rows = rowsOf(page, category);
  await expect(rows.first()).toContainText('Old39');

  await appendEvents(request, `${category}-feed`, [{ type: 'ArrivedLive', data: {} }]);
  await expect(rows.first()).toContainText('ArrivedLive');
  await expect(rows).toHaveCount(41);

  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await appendEvents(request, `${category}-feed`, [{ type: 'WhileAway', data: {} }]);
  const waiting = page.getByRole('button', { name: '1 new event' });
  await expect(waiting).toBeVisible();
  await expect(rows.first()).toContainText('ArrivedLive');
  await waiting.click();
  await expect(rows.first()).toContainText('WhileAway');
  await expect(waiting).toHaveCount(0);

  // Keyboard: the switch turns live off again.
  await live.focus();
  await page.keyboard.press('Space');
  await expect(page).not.toHaveURL(/live=1/);
  await expect(page.getByRole('switch', { name: 'Live' })).toHaveAttribute('aria-checked', 'false');
});
