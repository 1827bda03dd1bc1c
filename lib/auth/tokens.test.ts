import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestDatabase, type TestDatabase } from '@/test/database';
import { createTokens, TOKEN_CACHE_MS, type Tokens } from './tokens';

let t: TestDatabase;
let tokens: Tokens;
beforeAll(async () => {
  t = await createTestDatabase();
  tokens = createTokens(t.store.context.sql);
});

/** Waits until the database's clock has passed `instant`. */
async function until(instant: Date) {
  for (;;) {
    const [row] = await t.db.$client<{ past: boolean }[]>`
      select clock_timestamp() > ${instant.toISOString()}::timestamptz as past`;
    if (row?.past) return;
    await sleep(100);
  }
}

describe('API tokens looked up through the cache', () => {
  it('refuses a token at the next request after it is revoked here, although it was just used', async () => {
    const { id, token } = await tokens.create(admin, { name: 'revoked here', role: 'operator' });
    expect(await tokens.authenticate(token)).toMatchObject({ id, role: 'operator', via: 'token' });
    await tokens.revoke(admin, id);
    expect(await tokens.authenticate(token)).toBeNull();
  });

  it('refuses a token revoked by another process within TOKEN_CACHE_MS', async () => {
    const { id, token } = await tokens.create(admin, { name: 'revoked there', role: 'auditor' });
    expect(await tokens.authenticate(token)).toMatchObject({ id });
    const [row] = await t.db.$client<{ at: Date }[]>`
      update api_tokens set revoked_at = clock_timestamp() where id = ${id} returning revoked_at as at`;
    await until(new Date(row!.at.getTime() + TOKEN_CACHE_MS));
    expect(await tokens.authenticate(token)).toBeNull();
  });

  it('refuses a cached token once it has expired', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { token } = await tokens.create(admin, { name: 'expiring', role: 'auditor', expiresAt });
    expect(await tokens.authenticate(token)).not.toBeNull();
    await until(new Date(expiresAt));
    await sleep(50);
    expect(await tokens.authenticate(token)).toBeNull();
  });
});
