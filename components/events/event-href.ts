/** An event's page. */
export const eventHref = (eventId: string) => `/events/${eventId}`;

/** The explorer with one filter set, e.g. `{ actor }` or `{ correlationId }`. */
export const explorerHref = (filter: Record<string, string>) =>
  `/events?${new URLSearchParams(filter).toString()}`;
