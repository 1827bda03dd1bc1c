/** The id a reconnecting EventSource sends back: here a global position, or nothing usable. */
export function lastEventId(req: Request): number | undefined {
  const value = Number(req.headers.get('last-event-id') ?? Number.NaN);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
