import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** The admin token the e2e server starts with (CHRONICLE_BOOTSTRAP_TOKEN); test-only. */
export const E2E_TOKEN = 'e2e-bootstrap-token-not-a-secret-0001';

export type NewEvent = {
  eventId?: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  occurredAt?: string;
};

/**
 * A category no other run or spec uses, so each spec sees only its own streams in a shared,
 * reused database. Categories hold no `-`, so this one is letters and digits.
 */
export function uniqueCategory(): string {
  return `e2e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

/** Appends through the REST API, as any client program would. */
export async function appendEvents(
  request: APIRequestContext,
  streamId: string,
  events: NewEvent[],
): Promise<void> {
  const response = await request.post(`/api/v1/streams/${encodeURIComponent(streamId)}/events`, {
    headers: { Authorization: `Bearer ${E2E_TOKEN}` },
    data: { events },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** Creates one stream per id with one event each, a few requests at a time. */
export async function createStreams(
  request: APIRequestContext,
  streamIds: string[],
): Promise<void> {
  const batch = 10;
  for (let start = 0; start < streamIds.length; start += batch) {
    await Promise.all(
      streamIds
        .slice(start, start + batch)
        .map((id) => appendEvents(request, id, [{ type: 'StreamOpened', data: { id } }])),
    );
  }
}

/**
 * Waits until the page's client code runs: the health indicator only turns from "Checking" to
 * a verdict after hydration, so a click after this reaches React, not dead HTML.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(
    page.getByRole('status').filter({ hasText: /^Database (ok|unavailable)$/ }),
  ).toBeVisible();
}
