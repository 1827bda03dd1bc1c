import type { z } from 'zod';
import type { agentEventSchemas } from './events';

type Data<K extends keyof typeof agentEventSchemas> = z.infer<(typeof agentEventSchemas)[K]>;

export type AgentCommand =
  | ({ command: 'register' } & Data<'AgentRegistered'>)
  | ({ command: 'startTask' } & Data<'AgentTaskStarted'>)
  | ({ command: 'completeTask' } & Data<'AgentTaskCompleted'>)
  | ({ command: 'failTask' } & Data<'AgentTaskFailed'>);
