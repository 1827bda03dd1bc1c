import { assertRole, actorLabel, type Actor } from '../actor';
import { AUDIT_CATEGORY } from '../audit/audit-event';
import { notFound, unprocessable, validationError } from '../errors';
import type { Queryable, StoreContext } from '../event-store/context';
import { decodeCursor, keysetPage } from '../event-store/cursor';
import { pageSize } from '../event-store/limits';
import { isSystemStream } from '../event-store/stream-id';
import { z } from 'zod';

export type RetentionRule = {
  category: string;
  maxAgeDays: number | null;
  maxCount: number | null;
};

export const MAX_AGE_DAYS = 36_500;
export const MAX_COUNT = 1_000_000_000;

const CATEGORY = /^[A-Za-z0-9_.:]{1,200}$/;

type RuleRow = { category: string; max_age_days: number | null; max_count: number | null };

const toRule = (row: RuleRow): RetentionRule => ({
  category: row.category,
  maxAgeDays: row.max_age_days,
  maxCount: row.max_count,
});

/** Every category's rule, by category. */
export async function listRules(sql: Queryable, { actor }: { actor: Actor }) {
  assertRole(actor, 'auditor');
  const rows = await sql<RuleRow[]>`
    select category, max_age_days, max_count from retention_policies order by category`;
  return rows.map(toRule);
}

/**
 * Sets a category's rule, or removes it when neither limit is given; answers the rule set.
 * The audit trail (category `$audit`) keeps its whole history: it is what proves every other
 * act, retention's included, so no rule may shorten it.
 */
export async function setRule(
  sql: Queryable,
  { actor, category, maxAgeDays, maxCount }: { actor: Actor } & RetentionRule,
): Promise<RetentionRule[]> {
  assertRole(actor, 'admin');
  if (category === AUDIT_CATEGORY || isSystemStream(category)) {
    throw unprocessable(
      `The audit trail (${AUDIT_CATEGORY}) and other system streams keep their whole history: retention does not apply to them`,
      [{ path: 'category', message: 'system category' }],
    );
  }
  if (!CATEGORY.test(category)) {
    throw validationError('A category is 1–200 characters of A–Z a–z 0–9 _ . : (no -)', [
      { path: 'category', message: 'invalid' },
    ]);
  }
  if (maxAgeDays === null && maxCount === null) {
    await sql`delete from retention_policies where category = ${category}`;
  } else {
    await sql`
      insert into retention_policies (category, max_age_days, max_count, updated_by, updated_at)
      values (${category}, ${maxAgeDays}, ${maxCount}, ${actorLabel(actor)}, now())
      on conflict (category) do update set max_age_days = excluded.max_age_days,
        max_count = excluded.max_count, updated_by = excluded.updated_by, updated_at = now()`;
  }
  return listRules(sql, { actor });
}

/**
 * Held by placing or lifting a hold and by the scavenger on one stream, so that the scavenger
 * never removes events of a stream whose hold was placed while it worked.
 */
export const streamLockSql = (sql: Queryable, streamId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`chronicle-retention:${streamId}`}, 0))`;

/** Places or lifts a legal hold: retention leaves a held stream alone, its events visible. */
export async function setHold(
  ctx: StoreContext,
  { actor, streamId, hold }: { actor: Actor; streamId: string; hold: boolean },
): Promise<{ streamId: string; hold: boolean }> {
  assertRole(actor, 'admin');
  await ctx.db.$client.begin(async (tx) => {
    const [stream] = await tx<{ stream_id: string }[]>`
      select stream_id from streams where stream_id = ${streamId}`;
    if (!stream) throw notFound(`Stream ${streamId} does not exist`);
    await streamLockSql(tx, streamId);
    if (hold) {
      await tx`
        insert into stream_holds (stream_id, placed_by) values (${streamId}, ${actorLabel(actor)})
        on conflict (stream_id) do nothing`;
    } else {
      await tx`delete from stream_holds where stream_id = ${streamId}`;
    }
  });
  return { streamId, hold };
}

export async function isHeld(
  sql: Queryable,
  { actor, streamId }: { actor: Actor; streamId: string },
) {
  assertRole(actor, 'auditor');
  const [row] = await sql<{ held: boolean }[]>`
    select exists (select 1 from stream_holds where stream_id = ${streamId}) as held`;
  return row?.held ?? false;
}

const streamCursor = z.object({ streamId: z.string(), back: z.literal(true).optional() });

type Paging = { actor: Actor; limit?: number | undefined; cursor?: string | undefined };

/** A keyset page of a table keyed by stream id, both ways. */
async function pageByStream<R extends { stream_id: string }>(
  read: (from: { streamId: string; back: boolean } | null, size: number) => Promise<R[]>,
  { actor, limit, cursor }: Paging,
) {
  assertRole(actor, 'auditor');
  const size = pageSize(limit, 20);
  const from = cursor ? decodeCursor(cursor, streamCursor) : undefined;
  const back = from?.back === true;
  const rows = await read(from ? { streamId: from.streamId, back } : null, size);
  return keysetPage(rows, {
    limit: size,
    back,
    continued: from !== undefined,
    keyOf: (row) => ({ streamId: row.stream_id }),
  });
}

const after = (sql: Queryable, from: { streamId: string; back: boolean } | null) =>
  from ? sql`and stream_id ${from.back ? sql`<` : sql`>`} ${from.streamId}` : sql``;

const order = (sql: Queryable, from: { back: boolean } | null) =>
  from?.back ? sql`stream_id desc` : sql`stream_id asc`;

export type Hold = { streamId: string; placedBy: string; placedAt: string };

export async function listHolds(sql: Queryable, paging: Paging) {
  const { page, ...cursors } = await pageByStream(
    (from, size) => sql<{ stream_id: string; placed_by: string; placed_at: Date }[]>`
      select stream_id, placed_by, placed_at from stream_holds where true ${after(sql, from)}
      order by ${order(sql, from)} limit ${size + 1}`,
    paging,
  );
  const holds: Hold[] = page.map((row) => ({
    streamId: row.stream_id,
    placedBy: row.placed_by,
    placedAt: row.placed_at.toISOString(),
  }));
  return { holds, ...cursors };
}

export type Truncation = {
  streamId: string;
  anchorVersion: number;
  anchorHash: string;
  removedEvents: number;
  updatedAt: string;
};

export async function listTruncations(sql: Queryable, paging: Paging) {
  const { page, ...cursors } = await pageByStream(
    (from, size) => sql<
      {
        stream_id: string;
        anchor_version: number;
        anchor_hash: string;
        removed_events: number;
        updated_at: Date;
      }[]
    >`
      select stream_id, anchor_version, anchor_hash, removed_events, updated_at
      from stream_truncations where true ${after(sql, from)}
      order by ${order(sql, from)} limit ${size + 1}`,
    paging,
  );
  const truncations: Truncation[] = page.map((row) => ({
    streamId: row.stream_id,
    anchorVersion: row.anchor_version,
    anchorHash: row.anchor_hash,
    removedEvents: row.removed_events,
    updatedAt: row.updated_at.toISOString(),
  }));
  return { truncations, ...cursors };
}
