import { randomUUID } from 'node:crypto';
import { parseCrontab, type JobHelpers } from 'graphile-worker';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditor,
  createTestDatabase,
  operator,
  waitForHorizon,
  type TestDatabase,
} from '@/test/database';
import { createIntegrity, type Integrity } from './integrity';
import { generateSigningKeyPem, loadSigningKey } from './signing-key';
import { DIGEST_TASK, digestCrontab, integrityTasks } from './tasks';

let t: TestDatabase;
let integrity: Integrity;

beforeAll(async () => {
  t = await createTestDatabase();
  integrity = createIntegrity({
    ctx: t.store.context,
    key: loadSigningKey(generateSigningKeyPem()),
  });
});

// The digest task reads nothing of the job it runs in.
const helpers = {} as JobHelpers;

describe('the periodic digest', () => {
  it('takes a digest when something was committed since the last, and none otherwise', async () => {
    const run = () => integrityTasks(t.store.context, integrity)[DIGEST_TASK]!({}, helpers);
    const { positions } = await t.store.append({
      actor: operator,
      streamId: `tick-${randomUUID()}`,
      events: [{ type: 'Ticked', data: {} }],
    });
    await waitForHorizon(t.store, positions[0]!);
    await run();
    const first = await integrity.latestDigest({ actor: auditor });
    expect(first.position).toBeGreaterThanOrEqual(positions[0]!);
    await run();
    expect((await integrity.listDigests({ actor: auditor })).digests).toHaveLength(1);
  });

  it('is scheduled by a crontab line the job queue accepts, or not at all', () => {
    const [item] = parseCrontab(digestCrontab('*/10 * * * *')!);
    expect(item).toMatchObject({ task: DIGEST_TASK, identifier: DIGEST_TASK });
    expect(digestCrontab('off')).toBeUndefined();
  });
});
