import { randomInt, randomUUID } from 'node:crypto';
import { connect } from '../../db/client';
import { createChronicle, type Chronicle } from '../../lib/chronicle';
import { fold } from '../../lib/domain/aggregate';
import { workflowAggregate, workflowStreamId } from '../../lib/domain/workflow';
import type { WorkflowCommand } from '../../lib/domain/workflow/commands';
import type { WorkflowEvent } from '../../lib/domain/workflow/events';
import type { Workflow } from '../../lib/domain/workflow/state';
import { MAX_EVENTS_PER_APPEND } from '../../lib/event-store/append';
import { CODEC } from '../../lib/snapshots/codec';
import { saveSnapshot } from '../../lib/snapshots/snapshot-store';
import type { Operation } from './measure';
import { actor } from './targets';
import type { Figures } from './workloads';

/**
 * A path of Chronicle's aggregates, which has no raw baseline to compare with: its p50 is held
 * to the target the issue sets, where it sets one. Runs one operation at a time.
 */
export type AggregateWorkload = {
  name: string;
  /** Constant fields printed with the figures (how the workload ran). */
  notes: Record<string, string | number>;
  /** The aggregate cache's size; 0 turns it off, absent keeps the app's default. */
  cacheMaxBytes?: number;
  /** The bound on p50Ms (the median over rounds); absent where it sets none. */
  targetP50Ms?: number;
  /** Seeds what the operation needs (untimed); `figures` are printed with the timed ones. */
  prepare(chronicle: Chronicle): Promise<{ op: Operation; figures?: Figures }>;
};

const HISTORY = 1000;

/** The bounds on p50 in ms; the command round trip has none. */
const TARGET_P50_MS = { rebuild: 20, rebuildFromSnapshot: 3, snapshotCreate: 10 };

/** Chronicle as the app builds it (its default pool), with the workload's cache size. */
export function openChronicle(url: string, workload: AggregateWorkload) {
  const db = connect({ url, applicationName: 'chronicle-bench' });
  const { cacheMaxBytes } = workload;
  const chronicle = createChronicle({
    db,
    ...(cacheMaxBytes === undefined ? {} : { cacheMaxBytes }),
  });
  return {
    chronicle,
    close: async () => {
      // Snapshots taken in the background still need the pool.
      await chronicle.repository.flush();
      await db.$client.end({ timeout: 5 });
    },
  };
}

type StepCommand = Extract<WorkflowCommand, { command: 'addStep' | 'startStep' | 'completeStep' }>;

/**
 * The `n`th command of a running workflow's steps: step ⌊n/3⌋ added, started (by an agent, if
 * `withAgent`), completed.
 */
function stepCommand(n: number, withAgent: boolean): StepCommand {
  const step = Math.floor(n / 3);
  const stepId = `step-${step}`;
  if (n % 3 === 0) return { command: 'addStep', stepId, title: `Review source batch ${step}` };
  if (n % 3 === 1) {
    const agent = withAgent ? { agentId: `agent-literature-${step % 8}` } : {};
    return { command: 'startStep', stepId, ...agent };
  }
  const output = { summary: findings(), sources: 1 + randomInt(30) };
  return { command: 'completeStep', stepId, output };
}

const WORDS = (
  'the spaced group recalled more items than the massed group after one week in three of ' +
  'five trials effect sizes ranged from small to moderate with wide intervals two studies ' +
  'lacked a control one used self-report only samples were mostly undergraduates'
).split(' ');

/** About 200 bytes of prose that differs from step to step, as an agent's summary would. */
function findings(): string {
  return Array.from({ length: 30 }, () => WORDS[randomInt(WORDS.length)]).join(' ');
}

const newWorkflow = {
  title: 'Replication of the spacing effect',
  question: 'Does spaced practice improve recall a week later in adult learners?',
  methodology: { sampling: 'systematic review', tools: ['search', 'summarise'], since: 2015 },
};

/** The first `count` events of a started workflow whose steps run one after another. */
function workflowHistory(workflowId: string, count: number): WorkflowEvent[] {
  const commands: WorkflowCommand[] = [
    { command: 'create', workflowId, ...newWorkflow },
    { command: 'start' },
    ...Array.from({ length: Math.max(0, count - 2) }, (_, n) => stepCommand(n, true)),
  ];
  // Decided as the repository would, so the history is one the domain accepts, not only the
  // registry's schemas; every one of these commands causes exactly one event.
  let state: Workflow | null = null;
  const events: WorkflowEvent[] = [];
  for (const command of commands) {
    const decided = workflowAggregate.decide(command, state);
    state = fold(workflowAggregate.evolve, decided, state);
    events.push(...decided);
  }
  return events.slice(0, count);
}

/**
 * A new workflow stream of `count` events, appended in batches with command metadata through
 * the checked append of a Chronicle that takes no snapshots (the workloads decide on those),
 * or, `withSnapshots`, through `chronicle`'s own, 100 events at a time, leaving the snapshots
 * a stream written command by command would have.
 */
export async function seedWorkflow(
  chronicle: Chronicle,
  count: number,
  { withSnapshots = false } = {},
): Promise<string> {
  const seeder = withSnapshots
    ? chronicle
    : createChronicle({ db: chronicle.store.context.db, snapshotEvery: Number.MAX_SAFE_INTEGER });
  const batch = withSnapshots ? 100 : MAX_EVENTS_PER_APPEND;
  const workflowId = randomUUID();
  const streamId = workflowStreamId(workflowId);
  const events = workflowHistory(workflowId, count).map(({ type, data }) => {
    const commandId = randomUUID();
    return {
      type,
      data,
      metadata: { correlationId: commandId, causationId: commandId, commandId },
    };
  });
  for (let from = 0; from < events.length; from += batch) {
    await seeder.append({
      actor,
      streamId,
      expectedVersion: from,
      events: events.slice(from, from + batch),
    });
  }
  await seeder.repository.flush();
  return streamId;
}

/** Loads the workflow, and fails the run if it did not load as the workload means it to. */
async function loadWorkflow(chronicle: Chronicle, streamId: string, fromSnapshot: boolean) {
  const loaded = await chronicle.repository.load(workflowAggregate, streamId, { actor });
  if (!loaded.state || loaded.version !== HISTORY || loaded.fromSnapshot !== fromSnapshot) {
    throw new Error(
      `${streamId}: loaded version ${loaded.version} (fromSnapshot ${loaded.fromSnapshot}), ` +
        `expected ${HISTORY} (fromSnapshot ${fromSnapshot})`,
    );
  }
  return loaded.state;
}

/** Rebuilding the 1,000-event workflow with the cache off: from its events, or its snapshot. */
function rebuild(snapshot: boolean, targetP50Ms: number): AggregateWorkload {
  return {
    name: `aggregate-rebuild-${HISTORY}`,
    notes: { snapshot: snapshot ? `at version ${HISTORY}` : 'none', cache: 'off' },
    cacheMaxBytes: 0,
    targetP50Ms,
    async prepare(chronicle) {
      const streamId = await seedWorkflow(chronicle, HISTORY);
      if (snapshot) {
        const state = await loadWorkflow(chronicle, streamId, false);
        const { sql } = chronicle.store.context;
        await saveSnapshot(sql, { streamId, version: HISTORY, kind: workflowAggregate, state });
      }
      return {
        op: async () => {
          await loadWorkflow(chronicle, streamId, snapshot);
          return HISTORY;
        },
      };
    },
  };
}

/** Snapshots of the 1,000-event workflow's state, each a new row as the repository writes them. */
const snapshotCreate: AggregateWorkload = {
  name: 'snapshot-create',
  notes: { events: HISTORY, codec: CODEC },
  targetP50Ms: TARGET_P50_MS.snapshotCreate,
  async prepare(chronicle) {
    const streamId = await seedWorkflow(chronicle, HISTORY);
    const state = await loadWorkflow(chronicle, streamId, false);
    const { sql } = chronicle.store.context;
    // The stream's id is new every time: the table keeps the first row of a (stream, version).
    const save = (id: string) =>
      saveSnapshot(sql, { streamId: id, version: HISTORY, kind: workflowAggregate, state });
    await save(streamId);
    const [row] = await sql<{ raw_bytes: number; compressed_bytes: number }[]>`
      select raw_bytes, compressed_bytes from snapshots
      where stream_id = ${streamId} and version = ${HISTORY}`;
    if (!row) throw new Error(`${streamId}: the snapshot was not saved`);
    return {
      op: async () => {
        await save(workflowStreamId(randomUUID()));
        return 1;
      },
      figures: {
        rawBytes: row.raw_bytes,
        compressedBytes: row.compressed_bytes,
        compressionRatio: row.raw_bytes / row.compressed_bytes,
      },
    };
  },
};

const SEEDED_STEPS = 20;

/**
 * Commands on one running workflow through the research API, with the cache on. Pause and
 * resume in turn keep its state the same size: commands that add steps would grow it (by
 * hundreds of steps in a run), and the figures with it.
 */
const commandRoundTrip: AggregateWorkload = {
  name: 'command-round-trip',
  notes: { steps: SEEDED_STEPS, commands: 'pause, resume in turn', cache: 'on' },
  async prepare(chronicle) {
    const { research } = chronicle;
    const { workflowId } = await research.createWorkflow({ actor, ...newWorkflow });
    const run = (command: Parameters<typeof research.runWorkflowCommand>[0]['command']) =>
      research.runWorkflowCommand({ actor, workflowId, command });
    await run({ command: 'start' });
    // Without an agent, a step's commands check and write the workflow's stream only.
    for (let n = 0; n < 3 * SEEDED_STEPS; n++) await run(stepCommand(n, false));
    let paused = false;
    return {
      op: async () => {
        await run({ command: paused ? 'resume' : 'pause' });
        paused = !paused;
        return 1;
      },
    };
  },
};

export const aggregateWorkloads: AggregateWorkload[] = [
  rebuild(false, TARGET_P50_MS.rebuild),
  rebuild(true, TARGET_P50_MS.rebuildFromSnapshot),
  snapshotCreate,
  commandRoundTrip,
];
