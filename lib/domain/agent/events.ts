import { z } from 'zod';
import type { EventTypeDefinition } from '../../event-store/registry';
import type { DomainEvent } from '../aggregate';

export const AGENT_CATEGORY = 'agent';

const taskId = z.string().min(1).max(200);
const usage = {
  tokensIn: z.number().int().min(0),
  tokensOut: z.number().int().min(0),
  costUsd: z.number().min(0),
  durationMs: z.number().int().min(0),
};

// Strict: a field the schema does not know is refused, never silently dropped from the log.
export const agentEventSchemas = {
  AgentRegistered: z.strictObject({
    agentId: z.string().min(1).max(190),
    name: z.string().trim().min(1).max(200),
    model: z.string().trim().min(1).max(200),
    capabilities: z.array(z.string().min(1).max(100)).max(100),
  }),
  AgentTaskStarted: z.strictObject({
    taskId,
    workflowId: z.uuid(),
    stepId: z.string().min(1).max(100),
  }),
  AgentTaskCompleted: z.strictObject({ taskId, ...usage }),
  // A failed task may still have spent tokens (legacy task runs record what an error cost).
  AgentTaskFailed: z.strictObject({
    taskId,
    error: z.string().min(1).max(2000),
    tokensIn: usage.tokensIn.optional(),
    tokensOut: usage.tokensOut.optional(),
    costUsd: usage.costUsd.optional(),
    durationMs: usage.durationMs.optional(),
  }),
};

type Schemas = typeof agentEventSchemas;
export type AgentEvent = {
  [K in keyof Schemas]: DomainEvent<K, z.infer<Schemas[K]>>;
}[keyof Schemas];

export const agentEventTypes: EventTypeDefinition[] = Object.entries(agentEventSchemas).map(
  ([type, schema]) => ({
    category: AGENT_CATEGORY,
    type,
    schemaVersion: 1,
    schema: schema as z.ZodType<Record<string, unknown>>,
  }),
);
