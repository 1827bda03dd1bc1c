import { randomUUID } from 'node:crypto';
import type { Actor } from '../../lib/actor';
import type { EventStore, NewEvent } from '../../lib/event-store';

const DAY = 24 * 60 * 60 * 1000;

type Life = {
  category: string;
  count: number;
  events: (i: number) => [string, Record<string, unknown>][];
};

const pick = <T>(items: readonly T[], i: number): T => items[i % items.length]!;

const lives: Life[] = [
  {
    category: 'dataset',
    count: 80,
    events: (i) => [
      [
        'DatasetRegistered',
        {
          name: pick(['census', 'genomes', 'climate', 'trials', 'images'], i) + `-${i}`,
          license: pick(['CC-BY-4.0', 'MIT', 'proprietary'], i),
        },
      ],
      ...Array.from({ length: 1 + (i % 6) }, (_, v): [string, Record<string, unknown>] => [
        'DatasetVersionAdded',
        {
          version: `1.${v}.0`,
          rows: 10_000 * (v + 1) + i,
          checksum: randomUUID().replaceAll('-', ''),
        },
      ]),
      [
        'DatasetValidated',
        { checks: { schema: 'passed', duplicates: i % 7 === 0 ? 'warning' : 'passed' } },
      ],
    ],
  },
  {
    category: 'experiment',
    count: 120,
    events: (i) => [
      [
        'ExperimentPlanned',
        {
          hypothesis: `Variant ${i % 5} improves recall`,
          owner: pick(['ana', 'bo', 'chen', 'dara'], i),
        },
      ],
      ...Array.from({ length: 2 + (i % 12) }, (_, r): [string, Record<string, unknown>] => [
        'MetricRecorded',
        {
          run: r + 1,
          metric: pick(['recall', 'precision', 'f1'], r),
          value: Math.round((0.6 + ((i * 7 + r * 13) % 40) / 100) * 1000) / 1000,
        },
      ]),
      [
        i % 4 === 0 ? 'ExperimentAbandoned' : 'ExperimentConcluded',
        { notes: i % 4 === 0 ? 'data drift' : 'significant at p < 0.05' },
      ],
    ],
  },
  {
    category: 'paper',
    count: 60,
    events: (i) => [
      [
        'DraftCreated',
        {
          title: `On the reproducibility of study ${i}`,
          authors: ['ana', 'chen'].slice(0, 1 + (i % 2)),
        },
      ],
      ...Array.from({ length: 3 + (i % 9) }, (_, s): [string, Record<string, unknown>] => [
        'SectionEdited',
        {
          section: pick(['abstract', 'methods', 'results', 'discussion'], s),
          words: 200 + ((i * s * 37) % 900),
        },
      ]),
      ['ReviewRequested', { reviewers: 2 + (i % 2) }],
    ],
  },
  {
    category: 'instrument',
    count: 40,
    events: (i) =>
      Array.from({ length: 20 + (i % 30) }, (_, r): [string, Record<string, unknown>] => [
        'ReadingTaken',
        { sensor: `probe-${i}`, celsius: Math.round((20 + Math.sin(r / 3 + i) * 4) * 100) / 100 },
      ]),
  },
];

/**
 * A few categories, a few hundred streams and some thousands of events whose business time is
 * spread over the last 30 days. Written only into an empty store.
 */
export async function seedGenericData(store: EventStore, actor: Actor): Promise<number> {
  const now = Date.now();
  let written = 0;
  for (const life of lives) {
    for (let i = 0; i < life.count; i++) {
      const entries = life.events(i);
      const start = now - 30 * DAY + ((i * 7919) % (25 * DAY));
      const step = Math.max(60_000, Math.floor((now - start) / (entries.length + 1)));
      const events: NewEvent[] = entries.map(([type, data], n) => ({
        type,
        data,
        occurredAt: new Date(start + n * step),
      }));
      await store.append({
        actor,
        streamId: `${life.category}-${randomUUID()}`,
        events,
        expectedVersion: 'no_stream',
      });
      written += events.length;
    }
  }
  return written;
}
