import { z } from 'zod';
import { jsonObjectSchema } from '../../event-store/json';
import type { EventTypeDefinition } from '../../event-store/registry';
import type { DomainEvent } from '../aggregate';

export const CATEGORY = 'workflow';

const stepId = z.string().min(1).max(100);
export const title = z
  .string()
  .trim()
  .min(1, 'Title is required')
  .max(200, 'Title is at most 200 characters');
export const question = z
  .string()
  .trim()
  .min(1, 'Research question is required')
  .max(2000, 'Research question is at most 2,000 characters');
export const methodology = jsonObjectSchema;
export const stepOutput = z.union([z.string(), jsonObjectSchema]);
export const reason = z.string().trim().min(1, 'A reason is required').max(2000);
/** Someone named by a workflow: an e-mail address, personal data sealed under their key. */
export const personEmail = z.email('Must be an e-mail address').max(320);

// Strict: a field the schema does not know is refused, never silently dropped from the log.
export const workflowEventSchemas = {
  WorkflowCreated: z.strictObject({
    workflowId: z.uuid(),
    title,
    question,
    methodology,
    requestedBy: personEmail.optional(),
  }),
  WorkflowStarted: z.strictObject({}),
  WorkflowPaused: z.strictObject({ reason: z.string().max(2000).optional() }),
  WorkflowResumed: z.strictObject({}),
  StepAdded: z.strictObject({ stepId, title }),
  StepStarted: z.strictObject({ stepId, agentId: z.string().min(1).max(190).optional() }),
  StepCompleted: z.strictObject({ stepId, output: stepOutput }),
  StepFailed: z.strictObject({ stepId, error: z.string().min(1).max(2000) }),
  WorkflowCompleted: z.strictObject({ summary: z.string().trim().min(1).max(5000) }),
  WorkflowFailed: z.strictObject({ reason }),
  WorkflowCancelled: z.strictObject({ reason }),
};

type Schemas = typeof workflowEventSchemas;
export type WorkflowEvent = {
  [K in keyof Schemas]: DomainEvent<K, z.infer<Schemas[K]>>;
}[keyof Schemas];

/**
 * WorkflowCreated v1 stored the methodology as free text; v2 made it an object so that
 * sampling, tools and criteria can be recorded as fields.
 */
export const upcastWorkflowCreatedV1 = (data: Record<string, unknown>) => ({
  ...data,
  methodology: { description: String(data.methodology ?? '') },
});

export const workflowEventTypes: EventTypeDefinition[] = Object.entries(workflowEventSchemas).map(
  ([type, schema]) => ({
    category: CATEGORY,
    type,
    schema: schema as z.ZodType<Record<string, unknown>>,
    ...(type === 'WorkflowCreated'
      ? { schemaVersion: 2, upcasters: { 1: upcastWorkflowCreatedV1 } }
      : { schemaVersion: 1 }),
  }),
);
