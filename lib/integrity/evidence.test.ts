import { execFileSync, spawnSync } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditor,
  createTestDatabase,
  operator,
  waitForHorizon,
  type TestDatabase,
} from '@/test/database';
import { Invalid, verifyEvidence } from '@/bin/verify-evidence.mjs';
import { createIntegrity, type Integrity } from './integrity';
import { digestStatement } from './digest';
import {
  generateSigningKeyPem,
  loadSigningKey,
  verifySignature,
  type SigningKey,
} from './signing-key';

let t: TestDatabase;
let key: SigningKey;
let integrity: Integrity;
let streams: string[];
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  t = await createTestDatabase();
  key = loadSigningKey(generateSigningKeyPem());
  integrity = createIntegrity({ ctx: t.store.context, key });
  streams = [`ledger-${run}a`, `ledger-${run}b`, `order-${run}c`];
  let positions: number[] = [];
  for (let round = 0; round < 4; round++) {
    for (const streamId of streams) {
      ({ positions } = await t.store.append({
        actor: operator,
        streamId,
        events: [
          { type: 'Entry', data: { round, amount: round * 1.5, tags: ['x', round] } },
          { type: 'Noted', data: { text: `round ${round} ✓`, nested: { b: 1, a: [null, true] } } },
        ],
      }));
    }
  }
  await waitForHorizon(t.store, positions.at(-1)!);
});

async function exportLines(selection: Parameters<Integrity['evidence']>[0]['selection']) {
  let text = '';
  for await (const chunk of integrity.evidence({ actor: auditor, selection })) text += chunk;
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

const verify = (lines: string[], pinned: string | null = key.publicKey) =>
  verifyEvidence(lines, pinned);

const kindOf = (line: string) => (JSON.parse(line) as { kind: string }).kind;

describe('digests', () => {
  it('signs the Merkle root of every stream head at a readable position', async () => {
    const digest = await integrity.takeDigest({ actor: auditor });
    expect(digest.streams).toBeGreaterThanOrEqual(3);
    expect(digest.events).toBeGreaterThanOrEqual(24);
    expect(verifySignature(digest.publicKey, digestStatement(digest), digest.signature)).toBe(true);
    expect(digest.keyId).toBe(key.keyId);
    expect(await integrity.latestDigest({ actor: auditor })).toEqual(digest);
    // Nothing committed since: the current digest is that one; after an append, a new one.
    expect((await integrity.currentDigest({ actor: auditor })).id).toBe(digest.id);
    const { positions } = await t.store.append({
      actor: operator,
      streamId: `other-${run}`,
      events: [{ type: 'X', data: {} }],
    });
    await waitForHorizon(t.store, positions[0]!);
    const next = await integrity.currentDigest({ actor: auditor });
    expect(next.id).toBeGreaterThan(digest.id);
    expect(next.position).toBeGreaterThan(digest.position);
    const { digests } = await integrity.listDigests({ actor: auditor, limit: 1 });
    expect(digests.map((d) => d.id)).toEqual([next.id]);
  });

  it('cannot be made without a key', async () => {
    const unsigned = createIntegrity({ ctx: t.store.context, key: null });
    await expect(unsigned.takeDigest({ actor: auditor })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('evidence files', () => {
  it('an export of whole streams verifies, offline and by the command line', async () => {
    const lines = await exportLines({ streams });
    const result = await verify(lines);
    expect(result.events).toBe(24);
    expect(result.streams).toBe(3);
    const dir = path.resolve('.data/tmp');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `evidence-${run}.ndjson`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const ok = execFileSync(
      'node',
      ['bin/chronicle-verify.mjs', file, '--public-key', key.publicKey],
      {
        encoding: 'utf8',
      },
    );
    expect(ok).toContain('valid: 24 events in 3 streams');
    writeFileSync(file, `${lines.filter((_, i) => i !== 3).join('\n')}\n`);
    const bad = spawnSync('node', ['bin/chronicle-verify.mjs', file], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^invalid: line \d+/);
    expect(spawnSync('node', ['bin/chronicle-verify.mjs'], { encoding: 'utf8' }).status).toBe(2);
    expect(spawnSync('node', ['bin/chronicle-verify.mjs', `${file}.missing`]).status).toBe(2);
  });

  it('an export of a time range carries each stream on to its head by links', async () => {
    const { events } = await t.store.readStream({
      actor: auditor,
      streamId: streams[0]!,
      raw: true,
    });
    const from = new Date(events[2]!.recordedAt);
    const to = new Date(Date.parse(events[5]!.recordedAt) + 1);
    const lines = await exportLines({ from, to });
    await verify(lines);
    const kinds = lines.map(kindOf);
    expect(kinds).toContain('link');
    expect(kinds[0]).toBe('header');
    expect(kinds.at(-1)).toBe('end');
  });

  it('refuses a digest re-signed with another key, and an unknown stream', async () => {
    const lines = await exportLines({ streams: [streams[1]!] });
    const other = loadSigningKey(generateSigningKeyPem());
    const header = JSON.parse(lines[0]!) as { digest: Record<string, unknown> };
    const digest = header.digest as Parameters<typeof digestStatement>[0];
    header.digest.signature = other.sign(digestStatement(digest));
    const forged = [JSON.stringify(header), ...lines.slice(1)];
    await expect(verify(forged)).rejects.toThrow(/digest signature is not valid/);
    header.digest.publicKey = other.publicKey;
    const reKeyed = [JSON.stringify(header), ...lines.slice(1)];
    await expect(verify(reKeyed)).rejects.toThrow(/signed with key/);
    await expect(exportLines({ streams: [`ledger-${randomUUID()}`] })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('catches 1,000 random changes: a changed, removed, reordered or inserted line, a swapped proof, a forged signature', async () => {
    const lines = await exportLines({ streams });
    const other = loadSigningKey(generateSigningKeyPem());
    const caught = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const [name, mutated] = mutate(lines, other);
      if (mutated.join('\n') === lines.join('\n')) {
        i--;
        continue;
      }
      await expect(verify(mutated), name).rejects.toBeInstanceOf(Invalid);
      caught.set(name, (caught.get(name) ?? 0) + 1);
    }
    expect([...caught.keys()].sort()).toEqual(Object.keys(MUTATIONS).sort());
  });
});

type Line = Record<string, unknown>;

const pick = <T>(items: readonly T[]) => items[randomInt(items.length)]!;
const indexesOf = (lines: string[], kind: string) =>
  lines.flatMap((line, i) => (kindOf(line) === kind ? [i] : []));

function changeValue(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string')
    return value.length > 0 ? `${value.slice(0, -1)}${value.at(-1) === 'a' ? 'b' : 'a'}` : 'a';
  if (typeof value === 'boolean') return !value;
  if (value === null) return 0;
  if (Array.isArray(value)) return value.length > 0 ? value.slice(1) : [1];
  const object = value as Line;
  const keys = Object.keys(object);
  if (keys.length === 0) return { added: true };
  const keyName = pick(keys);
  return { ...object, [keyName]: changeValue(object[keyName]) };
}

const MUTATIONS: Record<string, (lines: string[], other: SigningKey) => string[]> = {
  'changed event': (lines) => {
    const i = pick(indexesOf(lines, 'event'));
    const event = JSON.parse(lines[i]!) as Line;
    const field = pick(Object.keys(event).filter((k) => k !== 'kind'));
    const copy = lines.slice();
    copy[i] = JSON.stringify({ ...event, [field]: changeValue(event[field]) });
    return copy;
  },
  'removed line': (lines) => {
    const copy = lines.slice();
    copy.splice(randomInt(lines.length), 1);
    return copy;
  },
  'reordered lines': (lines) => {
    const copy = lines.slice();
    const a = randomInt(1, lines.length - 1);
    let b = randomInt(1, lines.length - 1);
    if (b === a) b = a === 1 ? 2 : a - 1;
    [copy[a], copy[b]] = [copy[b]!, copy[a]!];
    return copy;
  },
  'inserted event': (lines) => {
    const copy = lines.slice();
    const event = JSON.parse(lines[pick(indexesOf(lines, 'event'))]!) as Line;
    const forged = Math.random() < 0.5 ? event : { ...event, eventId: randomUUID() };
    copy.splice(randomInt(1, lines.length), 0, JSON.stringify(forged));
    return copy;
  },
  'swapped proof': (lines) => {
    const proofs = indexesOf(lines, 'proof');
    const copy = lines.slice();
    const i = pick(proofs);
    const proof = JSON.parse(lines[i]!) as { path: { side: string; hash: string }[] };
    const j = pick(proofs.filter((k) => k !== i));
    const otherPath = (JSON.parse(lines[j]!) as typeof proof).path;
    copy[i] = JSON.stringify({
      ...proof,
      path: Math.random() < 0.5 ? otherPath : changeValue(proof.path),
    });
    return copy;
  },
  'forged signature': (lines, other) => {
    const copy = lines.slice();
    const end = JSON.parse(lines.at(-1)!) as Line;
    const header = JSON.parse(lines[0]!) as { digest: Line };
    switch (randomInt(3)) {
      case 0:
        copy[copy.length - 1] = JSON.stringify({
          ...end,
          signature: other.sign(String(end.sha256)),
        });
        break;
      case 1:
        copy[0] = JSON.stringify({
          ...header,
          digest: { ...header.digest, root: changeValue(header.digest.root) },
        });
        break;
      default:
        copy[0] = JSON.stringify({
          ...header,
          digest: { ...header.digest, publicKey: other.publicKey },
        });
    }
    return copy;
  },
};

function mutate(lines: string[], other: SigningKey): [string, string[]] {
  const name = pick(Object.keys(MUTATIONS));
  return [name, MUTATIONS[name]!(lines, other)];
}
