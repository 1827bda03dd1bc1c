import type postgres from 'postgres';
import { z } from 'zod';
import { actorLabel, assertRole, type Actor } from '../actor';
import { conflict, notFound } from '../errors';
import type { Queryable } from '../event-store/context';
import { decodeCursor, keysetPage } from '../event-store/cursor';
import { pageSize } from '../event-store/limits';
import { HORIZON } from '../event-store/read-all';
import { byStreamId, merkleTree, type StreamHead } from './merkle';
import type { SigningKey } from './signing-key';

export type Digest = {
  id: number;
  /** Every event at or below this `$all` position, and none above it. */
  position: number;
  streams: number;
  events: number;
  root: string;
  createdAt: string;
  createdBy: string;
  signature: string;
  publicKey: string;
  keyId: string;
};

/** The text the key signs: docs/integrity.md, "Digests". */
export const digestStatement = (
  d: Pick<Digest, 'position' | 'streams' | 'events' | 'root' | 'createdAt'>,
) =>
  `chronicle-digest/1\nposition=${d.position}\nstreams=${d.streams}\nevents=${d.events}\nroot=${d.root}\ncreatedAt=${d.createdAt}`;

type DigestRow = {
  id: number;
  position: number;
  streams: number;
  events: number;
  root: string;
  signature: string;
  public_key: string;
  key_id: string;
  created_by: string;
  created_at: string;
};

const COLUMNS = `id, position, streams, events, root, signature, public_key, key_id, created_by,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at`;

const toDigest = (row: DigestRow): Digest => ({
  id: row.id,
  position: row.position,
  streams: row.streams,
  events: row.events,
  root: row.root,
  createdAt: row.created_at,
  createdBy: row.created_by,
  signature: row.signature,
  publicKey: row.public_key,
  keyId: row.key_id,
});

/** Each stream's last event at or below `position`, in stream id order: the leaves of a digest. */
export async function streamHeads(sql: Queryable, position: number): Promise<StreamHead[]> {
  const rows = await sql<{ stream_id: string; version: number; hash: string }[]>`
    select s.stream_id, h.stream_version as version, h.hash from streams s
    cross join lateral (
      select stream_version, hash from events e
      where e.stream_id = s.stream_id and e.global_position <= ${position}
      order by e.stream_version desc limit 1
    ) h`;
  return rows
    .map((row) => ({ streamId: row.stream_id, version: row.version, hash: row.hash }))
    .sort(byStreamId);
}

/**
 * Signs the Merkle root over every stream's head as of the last readable position. One
 * repeatable-read snapshot gives the position and the heads together: every transaction below
 * the gap-safe horizon has ended, so no event at or below the position can appear later.
 */
export async function takeDigest(
  pool: postgres.Sql,
  { actor, key }: { actor: Actor; key: SigningKey | null },
): Promise<Digest> {
  // Any reader may have the store's state signed: a digest changes no data.
  assertRole(actor, 'auditor');
  const signer = requireKey(key);
  const { position, heads } = await pool.begin(
    'isolation level repeatable read read only',
    async (tx) => {
      const [row] = await tx<{ position: number }[]>`
      select coalesce(max(global_position), 0)::bigint as position from events
      where global_position < ${tx.unsafe(HORIZON)}`;
      const at = Number(row!.position);
      return { position: at, heads: await streamHeads(tx, at) };
    },
  );
  const createdAt = new Date().toISOString();
  const statement = {
    position,
    streams: heads.length,
    events: heads.reduce((sum, head) => sum + head.version, 0),
    root: merkleTree(heads).root,
    createdAt,
  };
  const [row] = await pool<DigestRow[]>`
    insert into digests (position, streams, events, root, signature, public_key, key_id, created_by, created_at)
    values (${position}, ${statement.streams}, ${statement.events}, ${statement.root},
      ${signer.sign(digestStatement(statement))}, ${signer.publicKey}, ${signer.keyId}, ${actorLabel(actor)},
      ${createdAt}::timestamptz)
    returning ${pool.unsafe(COLUMNS)}`;
  return toDigest(row!);
}

export function requireKey(key: SigningKey | null): SigningKey {
  if (!key) {
    throw conflict(
      'No signing key is configured: set CHRONICLE_SIGNING_KEY to an Ed25519 private key to sign digests and evidence',
    );
  }
  return key;
}

/** The newest digest, or a new one when events were committed since or the key changed. */
export async function currentDigest(
  pool: postgres.Sql,
  { actor, key }: { actor: Actor; key: SigningKey | null },
): Promise<Digest> {
  const signer = requireKey(key);
  const [latest] = await pool<(DigestRow & { behind: boolean })[]>`
    select ${pool.unsafe(COLUMNS)}, exists (
      select 1 from events where global_position > d.position and global_position < ${pool.unsafe(HORIZON)}
    ) as behind
    from digests d order by id desc limit 1`;
  if (latest && !latest.behind && latest.key_id === signer.keyId) return toDigest(latest);
  return takeDigest(pool, { actor, key });
}

export async function latestDigest(sql: Queryable, { actor }: { actor: Actor }): Promise<Digest> {
  assertRole(actor, 'auditor');
  const [row] = await sql<DigestRow[]>`
    select ${sql.unsafe(COLUMNS)} from digests order by id desc limit 1`;
  if (!row) throw notFound('No digest has been taken yet');
  return toDigest(row);
}

const digestCursor = z.object({ id: z.number().int(), back: z.literal(true).optional() });

/** Newest first, paged both ways by the digest's id (`nextCursor`, `previousCursor`). */
export async function listDigests(
  sql: Queryable,
  {
    actor,
    cursor,
    limit,
  }: { actor: Actor; cursor?: string | undefined; limit?: number | undefined },
) {
  assertRole(actor, 'auditor');
  const size = pageSize(limit);
  const from = cursor ? decodeCursor(cursor, digestCursor) : undefined;
  const back = from?.back === true;
  const rows = await sql<DigestRow[]>`
    select ${sql.unsafe(COLUMNS)} from digests
    where ${from === undefined ? sql`true` : back ? sql`id > ${from.id}` : sql`id < ${from.id}`}
    order by id ${sql.unsafe(back ? 'asc' : 'desc')} limit ${size + 1}`;
  const { page, ...cursors } = keysetPage(rows, {
    limit: size,
    back,
    continued: from !== undefined,
    keyOf: (row) => ({ id: row.id }),
  });
  return { digests: page.map(toDigest), ...cursors };
}
