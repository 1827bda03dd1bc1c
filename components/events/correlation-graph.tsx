'use client';

import {
  Background,
  Controls,
  Handle,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import Link from 'next/link';
import { useMemo } from 'react';
import { cn } from '../ui/cn';
import { eventHref } from './event-href';
import type { GraphEdge, GraphNode } from '@/lib/console/causation-layout';

const COLUMN = 230;
const ROW = 64;

type EventNodeData = GraphNode & { current: boolean };
type EventNode = Node<EventNodeData, 'event'>;

/** A node is a link to its event's page: clickable, and reachable with the keyboard. */
function EventNodeView({ data }: NodeProps<EventNode>) {
  return (
    <>
      <Handle type="target" position={Position.Left} className="!border-0 !bg-zinc-400" />
      <Link
        href={eventHref(data.eventId)}
        aria-current={data.current ? 'page' : undefined}
        className={cn(
          'pointer-events-auto block w-48 rounded-md border px-2 py-1 text-left shadow-xs focus-visible:ring-2 focus-visible:ring-zinc-500 focus-visible:outline-none',
          data.current
            ? 'border-zinc-900 bg-zinc-900 text-white'
            : 'border-zinc-300 bg-white text-zinc-900 hover:border-zinc-500',
        )}
      >
        <span className="block truncate text-xs font-medium">{data.type}</span>
        <span
          className={cn(
            'block truncate font-mono text-[11px]',
            data.current ? 'text-zinc-200' : 'text-zinc-600',
          )}
        >
          {data.streamId}
        </span>
        {/* Named by what it shows, then what only a screen reader needs. */}
        <span className="sr-only">
          , position {data.position}
          {data.current ? ' (this event)' : ''}
        </span>
      </Link>
      <Handle type="source" position={Position.Right} className="!border-0 !bg-zinc-400" />
    </>
  );
}

const nodeTypes = { event: EventNodeView };

/**
 * A correlation group drawn with React Flow: events as nodes in columns of causal depth, edges
 * from a cause to what it caused, the page's event filled in. Read-only: nothing is dragged or
 * connected.
 */
export function CorrelationGraph({
  nodes,
  edges,
  currentId,
}: {
  nodes: GraphNode[];
  edges: GraphEdge[];
  currentId: string;
}) {
  const flowNodes = useMemo<EventNode[]>(
    () =>
      nodes.map((node) => ({
        id: node.eventId,
        type: 'event',
        position: { x: node.depth * COLUMN, y: node.row * ROW },
        data: { ...node, current: node.eventId === currentId },
      })),
    [nodes, currentId],
  );
  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((edge) => ({
        id: `${edge.from}->${edge.to}`,
        source: edge.from,
        target: edge.to,
        style: { stroke: '#71717a' },
      })),
    [edges],
  );
  const height = Math.min(
    480,
    Math.max(160, (Math.max(...nodes.map((n) => n.row)) + 1) * ROW + 48),
  );
  return (
    <div style={{ height }} className="rounded-md border border-zinc-200 bg-zinc-50">
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
        minZoom={0.2}
        onlyRenderVisibleElements={nodes.length > 200}
        aria-label="Correlation graph"
      >
        <Background gap={16} color="#d4d4d8" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
