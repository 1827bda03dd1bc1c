import { LRUCache } from 'lru-cache';

export type CachedAggregate = {
  version: number;
  state: unknown;
  bytes: number;
  fromSnapshot: boolean;
};

export type AggregateCache = {
  get: (streamId: string) => CachedAggregate | undefined;
  set: (streamId: string, entry: Omit<CachedAggregate, 'bytes'>) => void;
  /** Drops every entry: after an erasure, a cached state may hold the erased values. */
  clear: () => void;
  /** Drops a stream's entry: its events were removed (an import rolled back). */
  forget: (streamId: string) => void;
  counters: { hits: number; misses: number };
  size: () => { entries: number; bytes: number };
};

/**
 * Recently loaded aggregates, bounded by bytes (their JSON size) and age. An entry is only a
 * starting point: the repository always reads the events after its version, so a cached state
 * is never served older than the stream.
 */
export function createAggregateCache({
  maxBytes,
  ttlMs,
}: {
  maxBytes: number;
  ttlMs: number;
}): AggregateCache {
  const counters = { hits: 0, misses: 0 };
  const lru =
    maxBytes > 0
      ? new LRUCache<string, CachedAggregate>({
          maxSize: maxBytes,
          ttl: ttlMs,
          sizeCalculation: (entry) => Math.max(1, entry.bytes),
        })
      : undefined;
  return {
    get(streamId) {
      const entry = lru?.get(streamId);
      if (entry) counters.hits++;
      else counters.misses++;
      return entry;
    },
    set(streamId, entry) {
      if (!lru) return;
      const current = lru.peek(streamId);
      if (current && current.version >= entry.version) return;
      const bytes = Buffer.byteLength(JSON.stringify(entry.state));
      if (bytes <= maxBytes) lru.set(streamId, { ...entry, bytes });
    },
    clear: () => lru?.clear(),
    forget(streamId) {
      lru?.delete(streamId);
    },
    counters,
    size: () => ({ entries: lru?.size ?? 0, bytes: lru?.calculatedSize ?? 0 }),
  };
}
