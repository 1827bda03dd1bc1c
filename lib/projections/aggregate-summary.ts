import type { Aggregate } from '../domain/aggregate';
import type { Queryable } from '../event-store/context';
import type { RecordedEvent } from '../event-store/types';
import { foldHistory, unfoldable } from '../aggregates/fold-history';
import type { InlineChange, Projection } from './projection';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any aggregate, whatever its types
type AnyAggregate = Aggregate<any, any, any>;

/** Writes the rows of several streams' changes in one statement. */
export type SummaryWriter = (
  sql: Queryable,
  table: string,
  changes: InlineChange[],
) => Promise<void>;

/**
 * An inline projection with one row per stream of an aggregate, holding the aggregate's state:
 * an append hands it the state it folded; a rebuild folds each batch's events onto the rows'
 * stored states, so both paths write the same row through one writer.
 */
export function aggregateSummary({
  name,
  description,
  aggregate,
  table,
  key,
  keyType,
  write,
}: {
  name: string;
  description: string;
  aggregate: AnyAggregate;
  table: string;
  /** The row's key column: the aggregate's id, and its SQL type (compared as is, indexed). */
  key: string;
  keyType: 'uuid' | 'text';
  write: SummaryWriter;
}): Projection {
  return {
    name,
    version: 1,
    kind: 'inline',
    description,
    categories: [aggregate.type],
    tables: [table],
    policy: 'park',
    maxAttempts: 3,
    applyInline: (sql, change, tables) => write(sql, tables[table]!, [change]),
    rowPerStream: { table, key, idOf: aggregate.idOf },
    apply: async (sql, events, tables) => {
      const target = tables[table]!;
      const byStream = new Map<string, RecordedEvent[]>();
      for (const event of events) {
        const list = byStream.get(event.streamId);
        if (list) list.push(event);
        else byStream.set(event.streamId, [event]);
      }
      const ids = [...byStream.keys()].map((streamId) => aggregate.idOf(streamId));
      const rows = await sql<{ id: string; version: number; state: unknown }[]>`
        select ${sql(key)}::text as id, version, state from ${sql(target)}
        where ${sql(key)} = any(${ids}::${sql.unsafe(keyType)}[])`;
      const stored = new Map(rows.map((row) => [row.id, row]));
      const changes = [...byStream].flatMap(([streamId, streamEvents]) => {
        const base = stored.get(aggregate.idOf(streamId));
        return foldChange(aggregate, streamId, base, streamEvents);
      });
      if (changes.length) await write(sql, target, changes);
    },
  };
}

function foldChange(
  aggregate: AnyAggregate,
  streamId: string,
  base: { version: number; state: unknown } | undefined,
  events: RecordedEvent[],
): InlineChange[] {
  const fromVersion = base?.version ?? 0;
  const unseen = events.filter((event) => event.version > fromVersion);
  if (!unseen.length) return [];
  const folded = foldHistory(
    aggregate,
    streamId,
    { state: base?.state ?? null, fromVersion },
    unseen.map(({ type, data }) => ({ type, data })),
  );
  if ('refusal' in folded) throw unfoldable(aggregate, streamId, folded.refusal);
  return [
    {
      streamId,
      fromVersion: unseen[0]!.version,
      version: unseen.at(-1)!.version,
      state: folded.state,
    },
  ];
}
