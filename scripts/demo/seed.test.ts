import { beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestDatabase, type TestDatabase } from '@/test/database';
import { createChronicle } from '../../lib/chronicle';
import { generateMasterKeyText, loadMasterKey } from '../../lib/personal/master-key';
import { seedGenericData } from './generic-data';
import { seedResearchData } from './research-data';

let t: TestDatabase;
let seededAt: number;
beforeAll(async () => {
  t = await createTestDatabase({ max: 8 });
  seededAt = Date.now();
  const chronicle = createChronicle({
    db: t.db,
    masterKey: loadMasterKey(generateMasterKeyText()),
  });
  await seedResearchData(chronicle, admin);
  await seedGenericData(chronicle.store, admin);
  await chronicle.repository.flush();
}, 600_000);

describe('the demo data', () => {
  it('holds only history: no event occurred later than now', async () => {
    const [row] = await t.db.$client<{ future: number; total: number }[]>`
      select count(*) filter (where occurred_at > now())::int as future, count(*)::int as total
      from events`;
    expect(row?.total).toBeGreaterThan(10_000);
    expect(row?.future).toBe(0);
  });

  it('spreads its history over the last 31 days', async () => {
    const [row] = await t.db.$client<
      { oldest: Date }[]
    >`select min(occurred_at) as oldest from events`;
    // Measured from when seeding began: it may take a while on a busy machine.
    expect(seededAt - row!.oldest.getTime()).toBeLessThanOrEqual(31 * 24 * 60 * 60 * 1000);
  });
});
