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
  output?: string | Record<string, unknown>;
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
