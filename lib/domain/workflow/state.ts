export const workflowStatuses = [
  'draft',
  'running',
  'paused',
  'completed',
  'failed',
  'cancelled',
] as const;
export type WorkflowStatus = (typeof workflowStatuses)[number];
export const terminalStatuses: readonly WorkflowStatus[] = ['completed', 'failed', 'cancelled'];

export const stepStatuses = ['pending', 'running', 'completed', 'failed'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export type Step = {
  stepId: string;
  title: string;
  status: StepStatus;
  agentId?: string;
  /** `null` once the subject it names was erased. */
  output?: string | Record<string, unknown> | null;
  /** The person the output is about; `null` once erased. */
  subject?: string | null;
  error?: string;
};

export type Workflow = {
  workflowId: string;
  status: WorkflowStatus;
  title: string;
  question: string;
  methodology: Record<string, unknown>;
  /** Who asked for it (an e-mail address); `null` once erased. */
  requestedBy?: string | null;
  steps: Step[];
  summary?: string;
  reason?: string;
};
