import { randomInt, randomUUID } from 'node:crypto';
import type { JsonObject } from '../../lib/event-store/types';

/** An event as a caller hands it to `append`, before the store adds ids and its metadata. */
export type BenchEvent = { type: string; data: JsonObject; metadata: JsonObject };

const POOL_SIZE = 512;

/** A research step finished by an agent: ≈ 300 bytes of JSON with a few nested objects. */
function stepCompleted(): BenchEvent {
  const correlationId = randomUUID();
  return {
    type: 'StepCompleted',
    data: {
      workflowId: randomUUID(),
      step: {
        stepId: `step-${randomInt(20)}`,
        title: 'Summarise related work',
        attempt: 1 + randomInt(3),
      },
      agent: {
        agentId: `agent-literature-${randomInt(100)}`,
        model: 'research-model-2',
        tokens: { in: 800 + randomInt(4000), out: 100 + randomInt(900) },
      },
      output: { summary: 'Found 12 papers; 3 replicate the main effect.', sources: 12 },
      durationMs: randomInt(60_000),
    },
    metadata: { correlationId, causationId: correlationId },
  };
}

// Built once, so that generating payloads costs the timed loops (ours and raw alike) nothing.
const pool = Array.from({ length: POOL_SIZE }, stepCompleted);
let next = 0;

/** `count` realistic events; ids are left to the writer, as the store's callers do. */
export function benchEvents(count: number): BenchEvent[] {
  return Array.from({ length: count }, () => pool[next++ % POOL_SIZE] ?? stepCompleted());
}
