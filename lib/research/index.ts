import { randomUUID } from 'node:crypto';
import { assertRole, type Actor } from '../actor';
import type { Repository } from '../aggregates/repository';
import { agentAggregate, agentStreamId } from '../domain/agent';
import type { AgentCommand } from '../domain/agent/commands';
import { workflowAggregate, workflowStreamId } from '../domain/workflow';
import type { CreateWorkflow, WorkflowCommand } from '../domain/workflow/commands';
import type { Workflow } from '../domain/workflow/state';
import { domainError } from '../errors';
import type { EventStore } from '../event-store';
import type { OutboxEvent } from '../event-store/types';
import { listAgentSummaries } from '../read-models/agent-summaries';
import {
  getWorkflowSummary,
  listWorkflowSummaries,
  type WorkflowListParams,
} from '../read-models/workflow-summaries';

/** What a step command means for the step's agent, if it has one. */
function agentCommandFor(
  workflow: Workflow,
  command: WorkflowCommand,
): { agentId: string; command: AgentCommand } | undefined {
  if (!('stepId' in command) || command.command === 'addStep') return undefined;
  const step = workflow.steps.find((s) => s.stepId === command.stepId);
  if (!step?.agentId) return undefined;
  const taskId = `${workflow.workflowId}:${step.stepId}`;
  const agentCommand: AgentCommand | undefined =
    command.command === 'startStep'
      ? { command: 'startTask', taskId, workflowId: workflow.workflowId, stepId: step.stepId }
      : command.command === 'completeStep'
        ? {
            command: 'completeTask',
            taskId,
            tokensIn: 0,
            tokensOut: 0,
            costUsd: 0,
            durationMs: 0,
            ...command.usage,
          }
        : command.command === 'failStep'
          ? { command: 'failTask', taskId, error: command.error }
          : undefined;
  return agentCommand && { agentId: step.agentId, command: agentCommand };
}

type Causation = {
  correlationId?: string;
  causationId?: string;
  occurredAt?: Date;
  /** The audit event of the act, written with its events. */
  audit?: OutboxEvent;
};

/**
 * Research workflows and the agents that work on them. Commands go through the repository;
 * a step started, completed or failed by an agent is also recorded on the agent's stream, as an
 * event caused by the workflow's event and in the same correlation, in the same transaction.
 */
export function createResearch({
  store,
  repository,
}: {
  store: EventStore;
  repository: Repository;
}) {
  const sql = store.context.sql;

  async function createWorkflow({
    actor,
    workflowId = randomUUID(),
    ...fields
  }: { actor: Actor; workflowId?: string } & Omit<CreateWorkflow, 'command' | 'workflowId'> &
    Causation) {
    const { correlationId, causationId, occurredAt, audit, ...data } = fields;
    const result = await repository.execute(
      workflowAggregate,
      workflowStreamId(workflowId),
      { command: 'create', workflowId, ...data },
      { actor, expectedVersion: 0, correlationId, causationId, occurredAt, audit },
    );
    return { workflowId, version: result.version };
  }

  async function runWorkflowCommand({
    actor,
    workflowId,
    command,
    expectedVersion,
    ...causation
  }: {
    actor: Actor;
    workflowId: string;
    command: Exclude<WorkflowCommand, CreateWorkflow>;
    expectedVersion?: number;
  } & Causation) {
    if (command.command === 'startStep' && command.agentId)
      await requireAgent(actor, command.agentId);
    const [result] = await repository.executeTogether(async () => {
      const planned = await repository.plan(
        workflowAggregate,
        workflowStreamId(workflowId),
        command,
        {
          actor,
          expectedVersion,
          ...causation,
        },
      );
      const agentWork = agentCommandFor(planned.state, command);
      if (!agentWork) return [planned];
      // The agent's record of the step commits with the step: caused by the workflow's event.
      const recorded = await repository.plan(
        agentAggregate,
        agentStreamId(agentWork.agentId),
        agentWork.command,
        {
          actor,
          correlationId: causation.correlationId ?? planned.commandId,
          causationId: planned.eventIds[0],
          occurredAt: causation.occurredAt,
        },
      );
      return [planned, recorded];
    });
    const workflow = result!.state as Workflow;
    return { workflowId, version: result!.version, state: workflow };
  }

  async function requireAgent(actor: Actor, agentId: string) {
    const { state } = await repository.load(agentAggregate, agentStreamId(agentId), { actor });
    if (!state)
      throw domainError(`Cannot assign the step: agent ${agentId} is not registered`, { agentId });
  }

  return {
    createWorkflow,
    runWorkflowCommand,
    getWorkflow: ({ actor, workflowId }: { actor: Actor; workflowId: string }) =>
      getWorkflowSummary(sql, { actor, workflowId }),
    listWorkflows: (params: WorkflowListParams) => listWorkflowSummaries(sql, params),
    registerAgent: async ({
      actor,
      occurredAt,
      ...agent
    }: { actor: Actor; occurredAt?: Date } & Omit<
      Extract<AgentCommand, { command: 'register' }>,
      'command'
    >) => {
      assertRole(actor, 'operator');
      const result = await repository.execute(
        agentAggregate,
        agentStreamId(agent.agentId),
        { command: 'register', ...agent },
        { actor, expectedVersion: 0, occurredAt },
      );
      return { agentId: agent.agentId, version: result.version };
    },
    listAgents: ({ actor }: { actor: Actor }) => listAgentSummaries(sql, { actor }),
    getAgent: async ({ actor, agentId }: { actor: Actor; agentId: string }) => {
      const loaded = await repository.load(agentAggregate, agentStreamId(agentId), { actor });
      return loaded.state ? { ...loaded.state, version: loaded.version } : null;
    },
  };
}

export type Research = ReturnType<typeof createResearch>;
