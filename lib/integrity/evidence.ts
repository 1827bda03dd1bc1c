import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import { assertRole, type Actor } from '../actor';
import { conflict, notFound, validationError } from '../errors';
import type { Queryable } from '../event-store/context';
import { storedContentHash } from '../event-store/hash';
import { assertInstant } from '../event-store/instant';
import { STORED_TEXT_COLUMNS, type StoredTextRow } from '../event-store/rows';
import { visibleEventSql } from '../retention/visible';
import { currentDigest, streamHeads, type Digest } from './digest';
import { merkleTree } from './merkle';
import type { SigningKey } from './signing-key';

/** Whole streams, or every event recorded in `[from, to)`. */
export type EvidenceSelection = { streams: string[] } | { from: Date; to: Date };

export const MAX_EVIDENCE_STREAMS = 1000;
const PAGE = 2000;

const q = JSON.stringify;

/** The event as stored: data and metadata as PostgreSQL prints the stored jsonb, unparsed. */
const eventLine = (e: StoredTextRow) =>
  `{"kind":"event","position":${e.global_position},"streamId":${q(e.stream_id)},` +
  `"version":${e.stream_version},"eventId":${q(e.event_id)},"type":${q(e.event_type)},` +
  `"schemaVersion":${e.schema_version},"data":${e.data_text},"metadata":${e.metadata_text},` +
  `"occurredAt":${q(e.occurred_at)},"recordedAt":${q(e.recorded_at)},` +
  `"prevHash":${q(e.prev_hash)},"hash":${q(e.hash)}}\n`;

/** An event past the selection, by its content hash alone: it carries the chain to the head. */
const linkLine = (e: StoredTextRow) =>
  q({
    kind: 'link',
    streamId: e.stream_id,
    version: e.stream_version,
    occurredAt: e.occurred_at,
    recordedAt: e.recorded_at,
    contentHash: storedContentHash(e),
    hash: e.hash,
  }) + '\n';

export const evidenceStatement = (sha256: string) => `chronicle-evidence/1\nsha256=${sha256}`;

/**
 * The evidence file, line by line (docs/integrity.md): a header with the signed digest, an
 * anchor per selected stream whose oldest events have expired under retention, the selected
 * events as stored, links carrying each stream's chain on to its head at the digest, a Merkle
 * proof per stream, and a last line signing the SHA-256 of all the lines before it.
 */
export async function* evidenceLines(
  pool: postgres.Sql,
  {
    actor,
    key,
    selection,
    readFrom = () => Promise.resolve(pool),
  }: {
    actor: Actor;
    key: SigningKey | null;
    selection: EvidenceSelection;
    /** Where the events are read once the digest is taken: a replica that has replayed it. */
    readFrom?: () => Promise<postgres.Sql>;
  },
): AsyncGenerator<string> {
  assertRole(actor, 'auditor');
  const select = checkSelection(selection);
  if ('streams' in select) await assertStreamsExist(pool as unknown as Queryable, select.streams);
  const digest = await currentDigest(pool, { actor, key });
  const sql = (await readFrom()) as unknown as Queryable;
  const heads = await streamHeads(sql, digest.position);
  const tree = merkleTree(heads);
  if (tree.root !== digest.root) throw new Error(`Digest ${digest.id} does not match the store`);
  const indexOf = new Map(heads.map((head, index) => [head.streamId, index]));
  if ('streams' in select) assertCovered(select.streams, indexOf);
  const hash = createHash('sha256');
  let lines = 0;
  let events = 0;
  const emit = (text: string, count = 1) => {
    hash.update(text, 'utf8');
    lines += count;
    return text;
  };
  yield emit(q(header(digest, select)) + '\n');
  const lastVersions = new Map<string, number>();
  const anchors = 'streams' in select ? await anchorsOf(sql, select.streams, heads, indexOf) : [];
  for (const anchor of anchors) lastVersions.set(anchor.streamId, anchor.version);
  if (anchors.length > 0) yield emit(anchors.map((a) => q(a) + '\n').join(''), anchors.length);
  const after = new Map(anchors.map((a) => [a.streamId, a.version]));
  for await (const page of selectedEvents(sql, select, digest.position, after)) {
    for (const event of page) lastVersions.set(event.stream_id, event.stream_version);
    events += page.length;
    yield emit(page.map(eventLine).join(''), page.length);
  }
  for await (const page of tails(sql, lastVersions, digest.position)) {
    yield emit(page.map(linkLine).join(''), page.length);
  }
  for (const streamId of [...lastVersions.keys()].sort()) {
    const index = indexOf.get(streamId)!;
    const head = heads[index]!;
    yield emit(
      q({
        kind: 'proof',
        streamId,
        version: head.version,
        hash: head.hash,
        path: tree.proof(index),
      }) + '\n',
    );
  }
  const sha256 = hash.digest('hex');
  const signer = key!;
  yield (
    q({
      kind: 'end',
      lines,
      events,
      streams: lastVersions.size,
      sha256,
      signature: signer.sign(evidenceStatement(sha256)),
    }) + '\n'
  );
}

function header(digest: Digest, selection: EvidenceSelection) {
  const { position, streams, events, root, createdAt, signature, publicKey, keyId } = digest;
  return {
    kind: 'header',
    format: 'chronicle-evidence',
    version: 1,
    exportedAt: new Date().toISOString(),
    selection:
      'streams' in selection
        ? { streams: selection.streams }
        : { from: selection.from.toISOString(), to: selection.to.toISOString() },
    digest: { position, streams, events, root, createdAt, signature, publicKey, keyId },
  };
}

function checkSelection(selection: EvidenceSelection): EvidenceSelection {
  if ('streams' in selection) {
    const streams = [...new Set(selection.streams)];
    if (streams.length === 0 || streams.length > MAX_EVIDENCE_STREAMS) {
      throw validationError(`Name 1 to ${MAX_EVIDENCE_STREAMS} streams`, [
        { path: 'streams', message: `got ${streams.length}` },
      ]);
    }
    return { streams };
  }
  assertInstant(selection.from, 'from');
  assertInstant(selection.to, 'to');
  if (selection.from >= selection.to) {
    throw validationError('from must be earlier than to', [
      { path: 'to', message: 'not after from' },
    ]);
  }
  return selection;
}

async function assertStreamsExist(sql: Queryable, streams: string[]) {
  const found = await sql<{ stream_id: string }[]>`
    select stream_id from streams where stream_id = any(${streams})`;
  const known = new Set(found.map((row) => row.stream_id));
  const missing = streams.filter((id) => !known.has(id));
  if (missing.length > 0) throw notFound(`No stream ${missing.slice(0, 5).join(', ')}`);
}

/** A stream whose first event is still above the gap-safe horizon cannot be proven yet. */
function assertCovered(streams: string[], indexOf: Map<string, number>) {
  const pending = streams.filter((id) => !indexOf.has(id));
  if (pending.length > 0) {
    throw conflict(
      `${pending.slice(0, 5).join(', ')}: no event is readable yet (an open transaction holds back the log); try again in a moment`,
    );
  }
}

type Anchor = { kind: 'anchor'; streamId: string; version: number; hash: string };

/**
 * Where each selected stream's history in the file starts when its oldest events have expired
 * (removed or hidden by retention): the version and hash of the last expired one, at most the
 * head the digest covers. The stream's first event in the file must link to it.
 */
async function anchorsOf(
  sql: Queryable,
  streams: string[],
  heads: { streamId: string; version: number; hash: string }[],
  indexOf: Map<string, number>,
): Promise<Anchor[]> {
  const rows = await sql<{ stream_id: string; version: number; hash: string | null }[]>`
    select x.stream_id, x.version, coalesce(e.hash, t.anchor_hash) as hash
    from (select id as stream_id, chronicle_expired_through(id)::bigint as version
      from unnest(${streams}::text[]) as id) x
    left join events e on e.stream_id = x.stream_id and e.stream_version = x.version
    left join stream_truncations t on t.stream_id = x.stream_id and t.anchor_version = x.version
    where x.version > 0`;
  const byStream = new Map(rows.map((row) => [row.stream_id, row]));
  return streams.flatMap((streamId): Anchor[] => {
    const row = byStream.get(streamId);
    if (!row) return [];
    const head = heads[indexOf.get(streamId)!]!;
    return row.version >= head.version || row.hash === null
      ? [{ kind: 'anchor', streamId, version: head.version, hash: head.hash }]
      : [{ kind: 'anchor', streamId, version: row.version, hash: row.hash }];
  });
}

/**
 * Whole streams in the order named, each in version order after its anchor; or the unexpired
 * events of the time range in `$all` order.
 */
async function* selectedEvents(
  sql: Queryable,
  selection: EvidenceSelection,
  upTo: number,
  anchors: Map<string, number>,
) {
  if ('streams' in selection) {
    for (const streamId of selection.streams) {
      let version = anchors.get(streamId) ?? 0;
      for (;;) {
        const page = await sql<StoredTextRow[]>`
          select ${sql.unsafe(STORED_TEXT_COLUMNS)} from events
          where stream_id = ${streamId} and stream_version > ${version} and global_position <= ${upTo}
          order by stream_version limit ${PAGE}`;
        if (page.length > 0) yield page;
        if (page.length < PAGE) break;
        version = page.at(-1)!.stream_version;
      }
    }
    return;
  }
  let after = 0;
  for (;;) {
    const page = await sql<StoredTextRow[]>`
      select ${sql.unsafe(STORED_TEXT_COLUMNS)} from events
      where global_position > ${after} and global_position <= ${upTo}
        and recorded_at >= ${selection.from.toISOString()}::timestamptz
        and recorded_at < ${selection.to.toISOString()}::timestamptz and ${visibleEventSql(sql)}
      order by global_position limit ${PAGE}`;
    if (page.length > 0) yield page;
    if (page.length < PAGE) break;
    after = page.at(-1)!.global_position;
  }
}

/** The events after each stream's last selected one, up to its head at the digest. */
async function* tails(sql: Queryable, lastVersions: Map<string, number>, upTo: number) {
  const entries = [...lastVersions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < entries.length; i += 500) {
    const slice = entries.slice(i, i + 500);
    const page = await sql<StoredTextRow[]>`
      select ${sql.unsafe(STORED_TEXT_COLUMNS)} from unnest(
        ${slice.map(([id]) => id)}::text[], ${slice.map(([, v]) => v)}::bigint[]
      ) as t(id, after)
      join events on events.stream_id = t.id and events.stream_version > t.after
        and events.global_position <= ${upTo}
      order by events.stream_id, events.stream_version`;
    if (page.length > 0) yield page;
  }
}
