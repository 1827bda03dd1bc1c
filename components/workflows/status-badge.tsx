import { Badge, type BadgeTone } from '../ui/badge';
import type { StepStatus, WorkflowStatus } from '@/lib/domain/workflow/state';
import type { AgentTask } from '@/lib/domain/agent/state';

type Status = WorkflowStatus | StepStatus | AgentTask['status'];

/** One colour per meaning, shared by workflows, steps and agent tasks: blue is work under way. */
const tones: Record<Status, BadgeTone> = {
  draft: 'neutral',
  pending: 'neutral',
  running: 'blue',
  paused: 'amber',
  completed: 'green',
  failed: 'red',
  cancelled: 'neutral',
};

export function StatusBadge({ status }: { status: Status }) {
  return <Badge tone={tones[status]}>{status}</Badge>;
}
