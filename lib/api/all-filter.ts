import type { AllFilter } from '@/lib/event-store/read-all';

type FilterQuery = {
  type?: string[];
  category?: string;
  stream?: string;
  correlationId?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  occurredFrom?: Date;
  occurredTo?: Date;
};

/** The REST names of the `$all` filters (`type`, `stream`, `actor`) as the store's. */
export function allFilterOf({ type, stream, actor, ...rest }: FilterQuery): AllFilter {
  return { ...rest, types: type, streamId: stream, metadataActor: actor };
}
