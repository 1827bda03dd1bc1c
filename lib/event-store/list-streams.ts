import { assertRole } from '../actor';
import { z } from 'zod';
import { validationError } from '../errors';
import type { StoreContext } from './context';
import { escapeLike } from '../sql/like';
import { decodeCursor, keysetPage } from './cursor';
import { pageSize } from './limits';
import { toStreamInfo, type StreamRow } from './rows';
import type { StreamInfo, WithActor } from './types';

export const STREAM_SORTS = ['streamId', '-streamId', 'updatedAt', '-updatedAt'] as const;
export type StreamSort = (typeof STREAM_SORTS)[number];

export type ListStreamsParams = WithActor<{
  category?: string;
  prefix?: string;
  limit?: number;
  cursor?: string;
  sort?: StreamSort;
}>;

export type StreamList = {
  streams: StreamInfo[];
  nextCursor: string | null;
  /** The page before this one, or null on the first page. */
  previousCursor: string | null;
};

/** `back`: the rows before this key (a Previous link), rather than after it. */
const cursorSchema = z.object({
  streamId: z.string(),
  updatedAt: z.iso.datetime().optional(),
  back: z.literal(true).optional(),
});

/**
 * Keyset paging: a cursor holds the sort key of the row a page continues from, so pages never
 * use OFFSET. A page reached backwards is read in the opposite order and turned round.
 */
export async function listStreams(
  ctx: StoreContext,
  params: ListStreamsParams,
): Promise<StreamList> {
  assertRole(params.actor, 'auditor');
  const sort = params.sort ?? 'streamId';
  const limit = pageSize(params.limit, 50);
  const after = params.cursor ? decodeCursor(params.cursor, cursorSchema) : undefined;
  if (after && sort.endsWith('updatedAt') !== (after.updatedAt !== undefined)) {
    throw validationError('cursor belongs to another sort order', [
      { path: 'cursor', message: 'invalid' },
    ]);
  }
  const sql = ctx.sql;
  const back = after?.back === true;
  // Reading back flips the order; the page is turned round below.
  const descending = sort.startsWith('-') !== back;
  const byUpdated = sort.endsWith('updatedAt');
  const dir = descending ? sql`desc` : sql`asc`;
  const cmp = descending ? sql`<` : sql`>`;
  const keyset = !after
    ? sql``
    : byUpdated
      ? sql`and (updated_at, stream_id) ${cmp} (${String(after.updatedAt)}::timestamptz, ${after.streamId})`
      : sql`and stream_id ${cmp} ${after.streamId}`;
  const rows = await sql<StreamRow[]>`
    select stream_id, category, version, created_at, updated_at from streams
    where true
      ${params.category ? sql`and category = ${params.category}` : sql``}
      ${params.prefix ? sql`and stream_id like ${escapeLike(params.prefix) + '%'}` : sql``}
      ${keyset}
    order by ${byUpdated ? sql`updated_at ${dir}, stream_id ${dir}` : sql`stream_id ${dir}`}
    limit ${limit + 1}`;
  const { page, ...cursors } = keysetPage(rows, {
    limit,
    back,
    continued: after !== undefined,
    keyOf: (row) => ({
      streamId: row.stream_id,
      ...(byUpdated ? { updatedAt: row.updated_at.toISOString() } : {}),
    }),
  });
  return { streams: page.map(toStreamInfo), ...cursors };
}
