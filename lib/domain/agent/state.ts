export type AgentTask = {
  taskId: string;
  workflowId: string;
  stepId: string;
  status: 'running' | 'completed' | 'failed';
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  durationMs: number;
  error?: string;
};

export type AgentTotals = {
  tasks: number;
  completed: number;
  failed: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
};

export type Agent = {
  agentId: string;
  name: string;
  model: string;
  capabilities: string[];
  tasks: AgentTask[];
  totals: AgentTotals;
};
