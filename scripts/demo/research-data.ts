import type { Actor } from '../../lib/actor';
import type { Chronicle } from '../../lib/chronicle';
import type { WorkflowStatus } from '../../lib/domain/workflow/state';

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

const topics = [
  ['Sleep and memory consolidation', 'Does slow-wave sleep improve recall in adults over 60?'],
  ['Antibiotic resistance in soil', 'How fast do resistance genes spread between soil bacteria?'],
  [
    'Coral bleaching forecasts',
    'Can sea-surface temperature anomalies predict bleaching 8 weeks ahead?',
  ],
  ['Remote work and productivity', 'Did remote work change output per hour in software teams?'],
  ['Microplastics in rivers', 'Where do microplastics accumulate along the Rhine?'],
  ['Language model calibration', 'Are model confidence scores calibrated on medical questions?'],
  ['Urban heat islands', 'How much do green roofs lower night-time temperatures?'],
  ['Vaccine hesitancy', 'Which messages reduce hesitancy among young parents?'],
  ['Battery degradation', 'What predicts capacity fade in LFP cells after 1,000 cycles?'],
  ['Bird migration timing', 'Has spring arrival shifted earlier for long-distance migrants?'],
] as const;
const stepTitles = [
  'Literature review',
  'Collect data',
  'Clean data',
  'Exploratory analysis',
  'Fit model',
  'Validate model',
  'Sensitivity analysis',
  'Draft figures',
  'Write methods',
  'Peer check',
  'Replicate on holdout',
  'Summarise findings',
];
const agentModels = ['claude-sonnet', 'gpt-5', 'gemini-pro', 'llama-4', 'mistral-large'];
const capabilities = ['search', 'code', 'statistics', 'writing', 'review', 'vision'];

/** Deterministic pseudo-random numbers, so every demo looks the same. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const statusPlan: WorkflowStatus[] = [
  ...Array<WorkflowStatus>(20).fill('draft'),
  ...Array<WorkflowStatus>(60).fill('running'),
  ...Array<WorkflowStatus>(20).fill('paused'),
  ...Array<WorkflowStatus>(65).fill('completed'),
  ...Array<WorkflowStatus>(20).fill('failed'),
  ...Array<WorkflowStatus>(15).fill('cancelled'),
];

type WorkflowCommand = Parameters<Chronicle['research']['runWorkflowCommand']>[0]['command'];

type WorkflowPlan = {
  title: string;
  question: string;
  methodology: Record<string, unknown>;
  requestedBy?: string;
  commands: WorkflowCommand[];
};

/** What happens to workflow `n` on its way to `status`, in order; times come later. */
function planWorkflow(
  status: WorkflowStatus,
  n: number,
  rand: () => number,
  agents: string[],
): WorkflowPlan {
  const [title, question] = topics[n % topics.length]!;
  const plan: WorkflowPlan = {
    title: `${title} #${n + 1}`,
    question,
    methodology: {
      design: ['RCT', 'cohort', 'simulation', 'survey'][n % 4],
      sample: 50 + ((n * 37) % 950),
    },
    // Some requesters, so that the Data subjects page has people to show (and to erase).
    ...(n % 3 === 0 ? { requestedBy: `researcher${(n / 3) % 7}@example.org` } : {}),
    commands: [],
  };
  const run = (command: WorkflowCommand) => plan.commands.push(command);
  const steps = Array.from({ length: 10 + Math.floor(rand() * 25) }, (_, s) => ({
    stepId: `s${s + 1}`,
    title: `${stepTitles[s % stepTitles.length]}${s >= stepTitles.length ? ` (round ${Math.floor(s / stepTitles.length) + 1})` : ''}`,
  }));
  for (const step of steps) run({ command: 'addStep', ...step });
  if (status === 'draft') return plan;
  if (status === 'cancelled' && n % 2 === 0) {
    run({ command: 'cancel', reason: 'Superseded by a newer study' });
    return plan;
  }
  run({ command: 'start' });
  const finish =
    status === 'completed' || status === 'failed'
      ? steps.length
      : Math.floor(rand() * steps.length);
  for (const [s, step] of steps.slice(0, finish).entries()) {
    const agentId = agents[Math.floor(rand() * agents.length)]!;
    run({ command: 'startStep', stepId: step.stepId, agentId });
    if (status === 'failed' && s === finish - 1) {
      run({ command: 'failStep', stepId: step.stepId, error: 'Upstream dataset withdrawn' });
      break;
    }
    run({
      command: 'completeStep',
      stepId: step.stepId,
      output: { summary: `${step.title} done`, artefacts: Math.floor(rand() * 5) },
      usage: {
        tokensIn: 2_000 + Math.floor(rand() * 40_000),
        tokensOut: 500 + Math.floor(rand() * 8_000),
        costUsd: Math.round(rand() * 150) / 100,
        durationMs: 20_000 + Math.floor(rand() * 600_000),
      },
    });
    if (s === 2 && rand() < 0.3) {
      run({ command: 'pause', reason: 'Waiting for ethics approval' });
      run({ command: 'resume' });
    }
  }
  if (status === 'completed')
    run({ command: 'complete', summary: 'Findings support the hypothesis at p < 0.05' });
  if (status === 'failed') run({ command: 'fail', reason: 'Data no longer available' });
  if (status === 'paused') run({ command: 'pause', reason: 'Budget review' });
  if (status === 'cancelled') run({ command: 'cancel', reason: 'Funding ended' });
  return plan;
}

/**
 * Business times for a workflow's events, 5 minutes to 4 hours apart, placed at random within
 * the last 30 days so that the last one is still in the past: the store refuses events that
 * occur in the future.
 */
function timesFor(count: number, now: number, rand: () => number): Date[] {
  const gaps = Array.from({ length: count }, () => MINUTE * (5 + Math.floor(rand() * 240)));
  const span = gaps.reduce((sum, gap) => sum + gap, 0);
  let clock = now - 30 * DAY + Math.floor(rand() * (30 * DAY - span - MINUTE));
  return gaps.map((gap) => new Date((clock += gap)));
}

/**
 * About 200 workflows in every status and 20 agents, written through the same commands the
 * console uses, as an import: each event keeps the business time at which it happened over
 * the last 30 days. Every workflow is planned before any is written, so the concurrent writers
 * below cannot change what the pseudo-random numbers decide.
 */
export async function seedResearchData(chronicle: Chronicle, actor: Actor): Promise<void> {
  const { research } = chronicle;
  const now = Date.now();
  const rand = random(42);
  const agents = Array.from({ length: 20 }, (_, i) => `agent-${String(i + 1).padStart(2, '0')}`);
  for (const [i, agentId] of agents.entries()) {
    await research.registerAgent({
      actor,
      agentId,
      name: `${['Scout', 'Analyst', 'Scribe', 'Critic'][i % 4]} ${i + 1}`,
      model: agentModels[i % agentModels.length]!,
      capabilities: capabilities.filter((_, c) => (i + c) % 3 === 0),
      occurredAt: new Date(now - 31 * DAY + i * MINUTE),
    });
  }
  const queue = statusPlan.map((status, n) => {
    const { commands, ...fields } = planWorkflow(status, n, rand, agents);
    const [created, ...times] = timesFor(1 + commands.length, now, rand);
    return async () => {
      const { workflowId } = await research.createWorkflow({
        actor,
        ...fields,
        occurredAt: created,
      });
      for (const [c, command] of commands.entries()) {
        await research.runWorkflowCommand({ actor, workflowId, command, occurredAt: times[c] });
      }
    };
  });
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }),
  );
}
