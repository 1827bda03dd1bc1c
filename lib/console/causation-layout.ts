import type { RecordedEvent } from '../event-store/types';

export type GraphNode = {
  eventId: string;
  type: string;
  streamId: string;
  position: number;
  /** Steps from the first event of its chain within the group: the column it is drawn in. */
  depth: number;
  /** Its place in that column, in `$all` order. */
  row: number;
};

export type GraphEdge = { from: string; to: string };

const causationOf = (event: RecordedEvent) =>
  typeof event.metadata.causationId === 'string' ? event.metadata.causationId.toLowerCase() : null;

/**
 * A correlation group as a graph: one node per event, an edge from each event to the events
 * that name it as their cause. Columns are causal depth, so a chain reads left to right and
 * branches stack; an event whose cause is outside the group starts a column-0 chain. Events come
 * in `$all` order, and a cause commits before its effects, so one pass suffices; a cause that
 * appears later (hand-made metadata) is drawn as if absent.
 */
export function causationLayout(events: RecordedEvent[]): {
  nodes: GraphNode[];
  edges: GraphEdge[];
} {
  const depthOf = new Map<string, number>();
  const rows: number[] = [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const event of events) {
    const cause = causationOf(event);
    const causeDepth = cause === null ? undefined : depthOf.get(cause);
    const depth = causeDepth === undefined ? 0 : causeDepth + 1;
    if (causeDepth !== undefined && cause !== null) edges.push({ from: cause, to: event.eventId });
    depthOf.set(event.eventId, depth);
    const row = rows[depth] ?? 0;
    rows[depth] = row + 1;
    nodes.push({
      eventId: event.eventId,
      type: event.type,
      streamId: event.streamId,
      position: event.position,
      depth,
      row,
    });
  }
  return { nodes, edges };
}

/**
 * What an event caused, depth first: each event right under the one that caused it, so that
 * indenting by depth draws the tree. `caused` comes in `$all` order, which keeps siblings in
 * commit order.
 */
export function causedDepthFirst<E extends RecordedEvent>(eventId: string, caused: E[]): E[] {
  const children = new Map<string, E[]>();
  for (const event of caused) {
    const cause = causationOf(event);
    if (cause !== null) children.set(cause, [...(children.get(cause) ?? []), event]);
  }
  const ordered: E[] = [];
  const seen = new Set<string>([eventId]);
  const visit = (id: string) => {
    for (const child of children.get(id) ?? []) {
      if (seen.has(child.eventId)) continue;
      seen.add(child.eventId);
      ordered.push(child);
      visit(child.eventId);
    }
  };
  visit(eventId.toLowerCase());
  return ordered;
}
