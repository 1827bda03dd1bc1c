import { openEvents } from '../personal/personal-fields';
import type { StoreContext } from './context';
import { toRecordedEvent, type EventRow } from './rows';
import type { RecordedEvent } from './types';

/**
 * Events as every read returns them: personal fields opened (or `null` and listed in
 * `erasedFields` once their subject is erased), then upcast unless the caller wants them `raw`.
 */
export async function openRows(
  ctx: StoreContext,
  rows: readonly EventRow[],
  { raw = false }: { raw?: boolean } = {},
): Promise<RecordedEvent[]> {
  const events = await openEvents(ctx.subjectKeys, rows.map(toRecordedEvent));
  return raw ? events : events.map((event) => ctx.registry.upcast(event));
}
