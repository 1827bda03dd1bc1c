import type { Actor } from '../actor';
import type { EventStore, RecordedEvent } from '../event-store';
import type { AllFilter } from '../event-store/read-all';
import type { AllEventFilters } from './filters';

/** Where a paging link goes: the events after a position, or those before one. */
export type PageCursor =
  { after: number; before?: undefined } | { before: number; after?: undefined };

export type ExplorerPage = {
  /** In the order asked for. */
  events: RecordedEvent[];
  next?: PageCursor;
  previous?: PageCursor;
};

/** The console's filters as the store's. */
export function explorerFilter(filters: AllEventFilters): AllFilter {
  return {
    types: filters.type,
    category: filters.category,
    streamId: filters.stream,
    correlationId: filters.correlationId,
    metadataActor: filters.actor,
    from: filters.from,
    to: filters.to,
    occurredFrom: filters.occurredFrom,
    occurredTo: filters.occurredTo,
  };
}

/**
 * One page of the explorer, with cursors both ways. Going on in the page's order reads on from
 * its last event; going back reads the other way from its first event and turns the result
 * round, so Next then Previous shows the page one started from. One event more than the page is
 * read, to know whether there is more that way.
 */
export async function readExplorerPage(
  store: EventStore,
  actor: Actor,
  filters: AllEventFilters,
): Promise<ExplorerPage> {
  const { limit, after, before } = filters;
  const query = { actor, limit: limit + 1, ...explorerFilter(filters) };
  const forward = filters.direction === 'forward';
  const older = (position: number): PageCursor => ({ before: position });
  const newer = (position: number): PageCursor => ({ after: position });
  const ahead = forward ? newer : older;
  const back = forward ? older : newer;
  const against = forward ? before : after;
  if (against !== undefined) {
    const page = forward
      ? await store.readAllBackward({ ...query, before: against })
      : await store.readAll({ ...query, after: against });
    const events = page.events.slice(0, limit).toReversed();
    const first = events[0];
    const last = events.at(-1);
    return {
      events,
      next: last ? ahead(last.position) : ahead(forward ? against - 1 : against + 1),
      previous: first && page.events.length > limit ? back(first.position) : undefined,
    };
  }
  const from = forward ? after : before;
  const page = forward
    ? await store.readAll({ ...query, after })
    : await store.readAllBackward({ ...query, before });
  const events = page.events.slice(0, limit);
  const first = events[0];
  const last = events.at(-1);
  return {
    events,
    next: last && page.events.length > limit ? ahead(last.position) : undefined,
    previous:
      from === undefined ? undefined : back(first ? first.position : forward ? from + 1 : from - 1),
  };
}
