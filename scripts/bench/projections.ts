import { connect } from '../../db/client';
import { createChronicle, type Chronicle } from '../../lib/chronicle';
import { eventStats } from '../../lib/projections/event-stats';
import { follow } from '../../lib/projections/follow';
import { runReplay } from '../../lib/projections/replay-job';
import { step } from '../../lib/projections/runner';
import { percentile, round } from './measure';
import { actor } from './targets';
import { seedWorkflow } from './aggregates';

/** The targets on this machine. */
export const PROJECTION_TARGETS = { rebuildEventsPerSec: 20_000, lagP99Seconds: 1 };

const WORKFLOWS = 1_000;
const EVENTS_PER_WORKFLOW = 100;
const LAG_RATE = 1_000;
const TICK_MS = 10;

export function openProjectionChronicle(url: string) {
  const db = connect({ url, applicationName: 'chronicle-bench' });
  const chronicle = createChronicle({ db, snapshotEvery: Number.MAX_SAFE_INTEGER });
  return { chronicle, close: () => db.$client.end({ timeout: 5 }) };
}

/** 100,000 workflow events: 1,000 workflows of 100 events (steps added, started, completed). */
export async function seedWorkflowEvents(chronicle: Chronicle) {
  for (let i = 0; i < WORKFLOWS; i++) await seedWorkflow(chronicle, EVENTS_PER_WORKFLOW);
  return WORKFLOWS * EVENTS_PER_WORKFLOW;
}

/** A full rebuild of workflow-summary, run in this process as a worker would run it. */
export async function rebuildWorkflowSummary(chronicle: Chronicle) {
  const replay = await chronicle.replays.start({
    actor,
    projection: 'workflow-summary',
    mode: 'full',
  });
  const started = performance.now();
  await runReplay(chronicle.store.context, chronicle.projectionCatalog, replay.replayId, {
    workerId: 'bench',
    lock: 0,
  });
  const seconds = (performance.now() - started) / 1000;
  const done = await chronicle.replays.get({ actor, replayId: replay.replayId });
  if (done.status !== 'succeeded') throw new Error(`rebuild ${done.status}: ${done.error}`);
  return {
    events: done.processed,
    seconds: round(seconds, 3),
    eventsPerSec: done.processed / seconds,
  };
}

/**
 * event-stats followed by its runner while appends of 10 events arrive every 10 ms (1,000
 * events a second): each event's lag is from its recording to the commit of the batch that
 * applied it.
 */
export async function projectionLag(chronicle: Chronicle, seconds: number) {
  // Caught up with what earlier workloads wrote, so that only the load's events are timed.
  while ((await step(chronicle.store.context, eventStats)).outcome !== 'idle');
  const lags: number[] = [];
  const stop = new AbortController();
  const runner = follow(chronicle.store.context, eventStats, {
    signal: stop.signal,
    onApplied: (_projection, events) => {
      const now = Date.now();
      for (const event of events) lags.push((now - Date.parse(event.recordedAt)) / 1000);
    },
  });
  const perTick = (LAG_RATE * TICK_MS) / 1000;
  const appends: Promise<unknown>[] = [];
  let n = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    const tick = performance.now();
    const events = Array.from({ length: perTick }, () => ({
      type: 'Measured',
      data: { n: n++ },
    }));
    appends.push(chronicle.store.append({ actor, streamId: `lag-${n % 50}`, events }));
    const wait = TICK_MS - (performance.now() - tick);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(appends);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  stop.abort();
  await runner;
  return {
    appended: n,
    applied: lags.length,
    appendsPerSec: Math.round(n / seconds),
    lagP50Seconds: round(percentile(lags, 50), 3),
    lagP99Seconds: round(percentile(lags, 99), 3),
    lagMaxSeconds: round(Math.max(...lags), 3),
  };
}
