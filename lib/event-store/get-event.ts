import { assertRole } from '../actor';
import { notFound } from '../errors';
import type { StoreContext } from './context';
import { openRows } from './open-rows';
import { EVENT_COLUMNS, type EventRow } from './rows';
import type { RecordedEvent, WithActor } from './types';
import { visibleEventSql } from '../retention/visible';

/** One event by its id, upcast like every read; an unknown or expired id is not found. */
export async function getEvent(
  ctx: StoreContext,
  { actor, eventId }: WithActor<{ eventId: string }>,
): Promise<RecordedEvent> {
  assertRole(actor, 'auditor');
  const [row] = await ctx.sql<EventRow[]>`
    select ${ctx.sql.unsafe(EVENT_COLUMNS)} from events
    where event_id = ${eventId} and ${visibleEventSql(ctx.sql)}`;
  if (!row) throw notFound(`Event ${eventId} does not exist`);
  const [event] = await openRows(ctx, [row]);
  return event!;
}
