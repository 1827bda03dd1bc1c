import { agentEventSchemas, type AgentEvent } from '../domain/agent/events';
import { evolve } from '../domain/agent/evolve';
import type { Agent } from '../domain/agent/state';
import { fold } from '../domain/aggregate';
import { ChronicleError } from '../errors';
import { cleanText, isoOf } from './clean';
import { legacyAgentId } from './legacy-ids';
import type { Draft, Note, Source } from './plan-types';
import type { LegacyAgent } from './read-legacy';
import { inTimeOrder } from './time-order';

/** An agent's registration, or why the row cannot be one (checked before any workflow). */
export function planRegistration(row: LegacyAgent, now: Date, notes: Note[]): Draft | string {
  const source: Source = { table: 'ai_agents', key: row.id };
  if (!row.created_at) return 'created_at is missing';
  if (row.created_at > now) return `created_at ${isoOf(row.created_at)} is in the future`;
  let name = cleanText(row.name);
  if (name === null) {
    name = `agent-${row.id}`;
    notes.push({ ...source, note: `name is missing; named "${name}"` });
  }
  let model = cleanText(row.model);
  if (model === null) {
    model = 'unknown';
    notes.push({ ...source, note: 'model is missing; recorded as "unknown"' });
  }
  const capabilities = [
    ...new Set(
      (row.capabilities ?? '')
        .split(',')
        .map(cleanText)
        .filter((c) => c !== null),
    ),
  ];
  if (row.retired) {
    notes.push({ ...source, note: 'retired: the agent domain has no retirement; not recorded' });
  }
  const data = { agentId: legacyAgentId(row.id), name, model, capabilities };
  const parsed = agentEventSchemas.AgentRegistered.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `${issue.path.join('.') || 'row'}: ${issue.message}`;
  }
  return { kind: 'AgentRegistered', type: 'AgentRegistered', data, at: row.created_at, source };
}

/** The agent's stream: its registration, then its side of every step it worked on, in time order. */
export function planAgentStream(
  registration: Draft,
  tasks: Draft[],
  notes: Note[],
): { drafts: Draft[]; state: Agent } | string {
  const drafts = [registration, ...[...tasks].sort((a, b) => a.at.getTime() - b.at.getTime())];
  inTimeOrder(drafts, notes);
  try {
    const state = fold(
      evolve,
      drafts.map(({ type, data }) => ({ type, data }) as AgentEvent),
    );
    return { drafts, state: state! };
  } catch (error) {
    if (error instanceof ChronicleError) return `the agent domain refuses it: ${error.message}`;
    throw error;
  }
}
