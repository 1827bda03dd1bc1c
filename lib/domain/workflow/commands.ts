import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { methodology, personEmail, question, reason, stepOutput, title } from './events';

const stepId = z.string().trim().min(1, 'stepId is required').max(100);

/** Commands other than create, as the REST API and the console send them. */
export const workflowCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('start') }),
  z.object({ command: z.literal('pause'), reason: z.string().trim().max(2000).optional() }),
  z.object({ command: z.literal('resume') }),
  z.object({
    command: z.literal('addStep'),
    title,
    stepId: stepId.optional().transform((id) => id ?? randomUUID()),
  }),
  z.object({
    command: z.literal('startStep'),
    stepId,
    agentId: z.string().trim().min(1).max(190).optional(),
  }),
  z.object({
    command: z.literal('completeStep'),
    stepId,
    output: stepOutput,
    /** The person the output is about, if any: the output is then their personal data. */
    subject: personEmail.optional(),
    /** What the assigned agent spent; recorded on the agent's stream. */
    usage: z
      .object({
        tokensIn: z.number().int().min(0),
        tokensOut: z.number().int().min(0),
        costUsd: z.number().min(0),
        durationMs: z.number().int().min(0).default(0),
      })
      .optional(),
  }),
  z.object({
    command: z.literal('failStep'),
    stepId,
    error: z.string().trim().min(1, 'An error is required').max(2000),
  }),
  z.object({
    command: z.literal('complete'),
    summary: z.string().trim().min(1, 'A summary is required').max(5000),
  }),
  z.object({ command: z.literal('fail'), reason }),
  z.object({ command: z.literal('cancel'), reason }),
]);

export const createWorkflowSchema = z.object({
  title,
  question,
  methodology,
  /** Who asked for the research: personal data, erased with its subject. */
  requestedBy: personEmail.optional(),
});

export type CreateWorkflow = z.infer<typeof createWorkflowSchema> & {
  command: 'create';
  workflowId: string;
};
export type WorkflowCommand = z.infer<typeof workflowCommandSchema> | CreateWorkflow;
export type WorkflowCommandName = WorkflowCommand['command'];
