import { expect, test } from '@playwright/test';
import { E2E_TOKEN, uniqueCategory } from './support/api';

const auth = { Authorization: `Bearer ${E2E_TOKEN}` };

/**
 * The REST API under `next start`, where Next bundles lib/ more than once: errors thrown by the
 * store must still map to their status, never to a 500.
 */
test.describe('REST API on the built server', () => {
  // Programs send tokens, not the console's cookie: no signed-in browser state here.
  test.use({ storageState: { cookies: [], origins: [] } });

  test('maps store errors to their problem+json status', async ({ request }) => {
    const streamId = `${uniqueCategory()}-1`;
    const missing = await request.get(`/api/v1/streams/${streamId}`, { headers: auth });
    expect(missing.status()).toBe(404);
    expect(missing.headers()['content-type']).toContain('application/problem+json');

    const first = await request.post(`/api/v1/streams/${streamId}/events`, {
      headers: auth,
      data: { expectedVersion: 'no_stream', events: [{ type: 'Opened', data: {} }] },
    });
    expect(first.status()).toBe(201);
    const conflict = await request.post(`/api/v1/streams/${streamId}/events`, {
      headers: auth,
      data: { expectedVersion: 0, events: [{ type: 'Opened', data: {} }] },
    });
    expect(conflict.status()).toBe(409);
    expect(await conflict.json()).toMatchObject({ status: 409, currentVersion: 1 });

    const nul = await request.post(`/api/v1/streams/${streamId}/events`, {
      headers: auth,
      data: { events: [{ type: 'Bad', data: { text: 'a\u0000b' } }] },
    });
    expect(nul.status()).toBe(400);

    const refused = await request.post('/api/v1/workflows', {
      headers: auth,
      data: { title: 'E2E refusal', question: 'Is a draft pausable?', methodology: {} },
    });
    const { workflowId } = (await refused.json()) as { workflowId: string };
    const pause = await request.post(`/api/v1/workflows/${workflowId}/commands`, {
      headers: auth,
      data: { command: 'pause' },
    });
    expect(pause.status()).toBe(422);
    expect((await pause.json()) as { detail: string }).toMatchObject({
      detail: expect.stringContaining('draft'),
    });
  });

  test('refuses a request without a token', async ({ request }) => {
    const response = await request.get('/api/v1/streams');
    expect(response.status()).toBe(401);
  });
});

test.describe('pages without a session', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('answer an HTTP redirect to the sign-in page, naming the page to come back to', async ({
    request,
  }) => {
    const response = await request.get('/workflows?status=running', { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toBe('/sign-in?next=%2Fworkflows%3Fstatus%3Drunning');
    const signIn = await request.get('/sign-in', { maxRedirects: 0 });
    expect(signIn.status()).toBe(200);
    expect(signIn.headers()['content-security-policy']).toMatch(
      /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
    );
    expect(signIn.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(signIn.headers()['x-content-type-options']).toBe('nosniff');
  });
});
