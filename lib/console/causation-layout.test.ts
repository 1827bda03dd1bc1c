import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store/types';
import { causationLayout, causedDepthFirst } from './causation-layout';

const event = (eventId: string, causationId: string | null, position: number): RecordedEvent => ({
  eventId,
  streamId: `s-${eventId}`,
  version: 1,
  position,
  type: `T${eventId}`,
  schemaVersion: 1,
  data: {},
  metadata: causationId === null ? {} : { causationId },
  occurredAt: '2026-01-01T00:00:00.000Z',
  recordedAt: '2026-01-01T00:00:00.000Z',
  prevHash: '0'.repeat(64),
  hash: '0'.repeat(64),
});

describe('causationLayout', () => {
  it('puts a chain in successive columns, stacks branches, and links each cause to its effects', () => {
    const { nodes, edges } = causationLayout([
      event('a', 'outside', 1),
      event('b', 'a', 2),
      event('c', 'b', 3),
      event('d', 'b', 4),
      event('e', null, 5),
    ]);
    expect(nodes.map((n) => [n.eventId, n.depth, n.row])).toEqual([
      ['a', 0, 0],
      ['b', 1, 0],
      ['c', 2, 0],
      ['d', 2, 1],
      ['e', 0, 1],
    ]);
    expect(edges).toEqual([
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'b', to: 'd' },
    ]);
  });

  it('draws no edge to a cause that comes later in the log', () => {
    const { nodes, edges } = causationLayout([event('x', 'y', 1), event('y', 'x', 2)]);
    expect(edges).toEqual([{ from: 'x', to: 'y' }]);
    expect(nodes.map((n) => n.depth)).toEqual([0, 1]);
  });
});

describe('causedDepthFirst', () => {
  it('puts each event under its cause, siblings in commit order', () => {
    const caused = [event('b', 'a', 2), event('c', 'b', 3), event('d', 'a', 4), event('e', 'c', 5)];
    expect(causedDepthFirst('a', caused).map((e) => e.eventId)).toEqual(['b', 'c', 'e', 'd']);
  });
});
