import { createWorkflowSchema, workflowCommandSchema } from '@/lib/domain/workflow/commands';
import { methodology, stepOutput } from '@/lib/domain/workflow/events';
import { stepStatuses, workflowStatuses } from '@/lib/domain/workflow/state';
import type { WorkflowView } from '@/lib/read-models/workflow-summaries';
import { cursor, limit, previousCursor, queryParam, shortText, timestamp, version } from './fields';
import { z } from './zod';

export const listWorkflowsQuery = z.object({
  status: queryParam(z.enum(workflowStatuses), 'Only workflows in this status'),
  search: queryParam(shortText, 'Titles containing this text, ignoring case'),
  limit: limit(50),
  cursor,
});

// Strict, as appends are: a misspelt field must be refused rather than silently dropped.
export const createWorkflowRequest = createWorkflowSchema.strict().openapi('CreateWorkflow');

const expectedVersion = version.optional().openapi({
  description: "The workflow's version the command was decided on; a stale one is a 409",
});

type CommandOption = (typeof workflowCommandSchema.options)[number];
const withExpectedVersion = (option: CommandOption) => option.extend({ expectedVersion }).strict();

/**
 * The domain's commands, each with the optional expectedVersion beside its fields and strict, so
 * that a misspelt `expectedVersion` is refused rather than turning into an unchecked command.
 */
export const workflowCommandRequest = z
  .discriminatedUnion(
    'command',
    // map keeps the tuple's length, which its return type does not say.
    workflowCommandSchema.options.map(withExpectedVersion) as [
      ReturnType<typeof withExpectedVersion>,
      ...ReturnType<typeof withExpectedVersion>[],
    ],
  )
  .openapi('WorkflowCommand');

export const workflowVersion = z
  .object({ workflowId: z.guid(), version: version.min(1) })
  .openapi('WorkflowVersion');

const step = z
  .object({
    stepId: z.string(),
    title: z.string(),
    status: z.enum(stepStatuses),
    agentId: z.string().optional(),
    output: stepOutput
      .nullable()
      .optional()
      .openapi({ description: 'null once its subject was erased' }),
    subject: z.string().nullable().optional().openapi({
      description: 'The person the output is about; null once erased',
    }),
    error: z.string().optional(),
  })
  .openapi('WorkflowStep');

// Typed against the read model, so that the documented shape cannot drift from the answered one.
export const workflow = z
  .object({
    workflowId: z.guid(),
    version: version.min(1),
    status: z.enum(workflowStatuses),
    title: z.string(),
    question: z.string(),
    methodology,
    requestedBy: z.string().nullable().optional().openapi({
      description: 'Who asked for it (an e-mail address); null once erased',
    }),
    steps: z.array(step),
    summary: z.string().optional().openapi({ description: 'Given when completed' }),
    reason: z.string().optional().openapi({ description: 'Given when failed or cancelled' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Workflow') satisfies z.ZodType<WorkflowView>;

export const workflowList = z
  .object({
    workflows: z.array(workflow),
    nextCursor: z.string().nullable(),
    previousCursor,
  })
  .openapi('WorkflowList');
