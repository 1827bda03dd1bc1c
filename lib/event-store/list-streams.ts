import { assertRole } from '../actor';
import { z } from 'zod';
import { validationError } from '../errors';
import type { StoreContext } from './context';
import { escapeLike } from '../sql/like';
import { decodeCursor, encodeCursor } from './cursor';
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

export type StreamList = { streams: StreamInfo[]; nextCursor: string | null };

const cursorSchema = z.object({ streamId: z.string(), updatedAt: z.iso.datetime().optional() });

/** Keyset paging: the cursor holds the sort key of the last row, so pages never use OFFSET. */
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
  const descending = sort.startsWith('-');
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
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    streams: page.map(toStreamInfo),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({
            streamId: last.stream_id,
            ...(byUpdated ? { updatedAt: last.updated_at.toISOString() } : {}),
          })
        : null,
  };
}
