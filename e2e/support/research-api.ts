import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { appendEvents, E2E_TOKEN } from './api';

const auth = { Authorization: `Bearer ${E2E_TOKEN}` };

/** A name no other run or spec uses, so lists can be searched for exactly this spec's data. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Creates a draft workflow through the REST API and answers its id. */
export async function createWorkflow(request: APIRequestContext, title: string): Promise<string> {
  const response = await request.post('/api/v1/workflows', {
    headers: auth,
    data: {
      title,
      question: `What does ${title} show?`,
      methodology: { design: 'cohort' },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { workflowId: string }).workflowId;
}

/** Runs workflow commands in order through the REST API; answers the last version. */
export async function runCommands(
  request: APIRequestContext,
  workflowId: string,
  commands: Record<string, unknown>[],
): Promise<number> {
  let version = 0;
  for (const command of commands) {
    const response = await request.post(`/api/v1/workflows/${workflowId}/commands`, {
      headers: auth,
      data: command,
    });
    expect(response.status(), await response.text()).toBe(200);
    version = ((await response.json()) as { version: number }).version;
  }
  return version;
}

/**
 * Registers an agent the way any client can: an AgentRegistered event appended to its stream
 * (there is no agent route). Answers its id.
 */
export async function registerAgent(request: APIRequestContext, name: string): Promise<string> {
  const agentId = `e2e${Math.random().toString(36).slice(2, 10)}`;
  await appendEvents(request, `agent-${agentId}`, [
    {
      type: 'AgentRegistered',
      data: { agentId, name, model: 'claude-sonnet', capabilities: ['search', 'writing'] },
    },
  ]);
  return agentId;
}

/** The value shown under a label of a page's facts (Status, Version, …; a time's kind may follow). */
export const fact = (page: Page, label: string): Locator =>
  page
    .locator('dt', { hasText: new RegExp(`^${label}( (occurred|recorded))?$`) })
    .locator('xpath=following-sibling::dd');

/** A time as the console shows it: `2024-03-01 10:00:00.000 UTC`. */
export const shownTime = (iso: string) =>
  `${new Date(iso).toISOString().slice(0, 23).replace('T', ' ')} UTC`;

/** The events of a stream as the REST API returns them, oldest first. */
export async function readEvents(
  request: APIRequestContext,
  streamId: string,
): Promise<
  { version: number; occurredAt: string; recordedAt: string; metadata: Record<string, unknown> }[]
> {
  const response = await request.get(
    `/api/v1/streams/${encodeURIComponent(streamId)}/events?limit=1000`,
    { headers: auth },
  );
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { events: Awaited<ReturnType<typeof readEvents>> }).events;
}
