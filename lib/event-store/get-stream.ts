import { assertRole } from '../actor';
import { notFound } from '../errors';
import type { StoreContext } from './context';
import { GENESIS_HASH } from './hash';
import { toStreamInfo, type StreamRow } from './rows';
import type { StreamDetails, WithActor } from './types';

export async function getStream(
  ctx: StoreContext,
  { actor, streamId }: WithActor<{ streamId: string }>,
): Promise<StreamDetails> {
  assertRole(actor, 'auditor');
  const [row] = await ctx.sql<(StreamRow & { last_hash: string | null })[]>`
    select s.stream_id, s.category, s.version, s.created_at, s.updated_at, e.hash as last_hash
    from streams s
    left join events e on e.stream_id = s.stream_id and e.stream_version = s.version
    where s.stream_id = ${streamId}`;
  if (!row) throw notFound(`Stream ${streamId} does not exist`);
  return { ...toStreamInfo(row), lastHash: row.last_hash ?? GENESIS_HASH };
}
