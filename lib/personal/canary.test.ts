import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  auditor,
  createTestDatabase,
  operator,
  waitForHorizon,
  type TestDatabase,
} from '@/test/database';
import { catchUp } from '@/test/projections';
import { createChronicle, type Chronicle } from '../chronicle';
import { workflowAggregate, workflowStreamId } from '../domain/workflow';
import type { Queryable } from '../event-store/context';
import type { RecordedEvent } from '../event-store/types';
import { generateSigningKeyPem, loadSigningKey } from '../integrity/signing-key';
import { logger } from '../logger';
import { decompress } from '../snapshots/codec';
import { projectionCatalog } from '../projections/catalog';
import { eventStats } from '../projections/event-stats';
import type { Projection } from '../projections/projection';
import { runReplay } from '../projections/replay-job';
import { generateMasterKeyText, loadMasterKey } from './master-key';

/** Unique to this run: any hit of it anywhere is plaintext that escaped. */
const MARKER = `canary${randomUUID().replaceAll('-', '')}`;
const requester = `${MARKER}.requester@example.org`;
const interviewee = `${MARKER}.interviewee@example.org`;
const patientId = `person:${randomUUID()}`;

const logLines: string[] = [];
const master = loadMasterKey(generateMasterKeyText());
let t: TestDatabase;
let chronicle: Chronicle;
let workflowStream: string;
let patientStream: string;
const worker = { workerId: 'canary', lock: 2 };

/** Fails on every event it is given, quoting its data: a dead letter holding plaintext. */
const quotingProbe: Projection = {
  name: 'quoting-probe',
  version: 1,
  kind: 'async',
  description: 'fails with the data of the event in its error',
  categories: ['patient'],
  tables: [],
  policy: 'park',
  maxAttempts: 1,
  apply: (_sql: Queryable, events: readonly RecordedEvent[]) => {
    throw new Error(`cannot file ${JSON.stringify(events[0]?.data)}`);
  },
};

beforeAll(async () => {
  // Every line any code path logs, at the most talkative level.
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  (globalThis as { __chronicleLogger?: pino.Logger }).__chronicleLogger = pino(
    { level: 'trace' },
    capture,
  );
  t = await createTestDatabase();
  chronicle = createChronicle({
    db: t.db,
    masterKey: master,
    signingKey: loadSigningKey(generateSigningKeyPem()),
    snapshotEvery: 2,
    projections: [...projectionCatalog, quotingProbe],
    onBackgroundError: (error) => logger().error({ err: error }, 'background work failed'),
  });
});

async function dump(): Promise<string> {
  const child = spawn('/usr/bin/pg_dump', ['--dbname', t.url, '--no-owner'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`pg_dump failed: ${Buffer.concat(errors).toString()}`);
  return Buffer.concat(chunks).toString('utf8');
}

/** The rows of one table in a plain dump: its COPY block. */
function copyBlock(text: string, table: string): string {
  const start = text.indexOf(`COPY public.${table} `);
  expect(start).toBeGreaterThan(-1);
  return text.slice(start, text.indexOf('\n\\.\n', start));
}

async function exportText(): Promise<string> {
  let text = '';
  for await (const line of chronicle.integrity.evidence({
    actor: auditor,
    selection: { streams: [workflowStream, patientStream] },
  })) {
    text += line;
  }
  return text;
}

const hits = (text: string) => text.split(MARKER).length - 1;

/** Snapshot states are compressed, so a dump would hide their text: read them opened. */
async function snapshotTexts(): Promise<string> {
  const rows = await t.db.$client<{ codec: string; state: Buffer }[]>`
    select codec, state from snapshots`;
  return rows.map((row) => decompress(row.codec, row.state)).join('\n');
}

/** Every read path, as a user and the background work would take it. */
async function readEverywhere() {
  const streams = await Promise.all(
    [workflowStream, patientStream].map((streamId) =>
      chronicle.store.readStream({ actor: auditor, streamId }),
    ),
  );
  const events = streams.flatMap((page) => page.events);
  const last = Math.max(...events.map((event) => event.position));
  await waitForHorizon(chronicle.store, last);
  const all = await chronicle.store.readAll({ actor: auditor, limit: 1000 });
  const one = await chronicle.store.getEvent({ actor: auditor, eventId: events[0]!.eventId });
  const causation = await chronicle.store.readCausation({
    actor: auditor,
    eventId: events[0]!.eventId,
  });
  const loaded = await chronicle.repository.load(workflowAggregate, workflowStream, {
    actor: auditor,
  });
  const state = await chronicle.stateAt({
    actor: auditor,
    streamId: workflowStream,
    point: { version: 3 },
  });
  await catchUp(chronicle.store, eventStats);
  await catchUp(chronicle.store, quotingProbe);
  logger().debug({ events, all, one, causation, loaded, state }, 'what the reads returned');
  return JSON.stringify({ events, all, one, causation, loaded, state });
}

async function rebuildWorkflowSummaries() {
  const replay = await chronicle.replays.start({
    actor: operator,
    projection: 'workflow-summary',
    mode: 'full',
  });
  await runReplay(chronicle.store.context, chronicle.projectionCatalog, replay.replayId, worker);
  const done = await chronicle.replays.get({ actor: operator, replayId: replay.replayId });
  expect(done.status).toBe('succeeded');
}

describe('the erasure canary', () => {
  it('keeps plaintext out of the events table from the start', async () => {
    const { workflowId } = await chronicle.research.createWorkflow({
      actor: operator,
      title: 'Interviews',
      question: 'What do participants remember?',
      methodology: { design: 'interviews' },
      requestedBy: requester,
    });
    workflowStream = workflowStreamId(workflowId);
    const run = (command: Parameters<Chronicle['research']['runWorkflowCommand']>[0]['command']) =>
      chronicle.research.runWorkflowCommand({ actor: operator, workflowId, command });
    await run({ command: 'start' });
    await run({ command: 'addStep', title: 'Interview', stepId: 'interview' });
    await run({ command: 'startStep', stepId: 'interview' });
    await run({
      command: 'completeStep',
      stepId: 'interview',
      subject: interviewee,
      output: `Notes of the interview with ${MARKER}: remembers everything.`,
    });
    patientStream = `patient-${randomUUID()}`;
    await chronicle.append({
      actor: operator,
      streamId: patientStream,
      events: [
        {
          type: 'Visited',
          data: { name: `${MARKER} Smith`, ward: 4 },
          metadata: { subjectId: patientId, personalFields: ['/name'] },
        },
      ],
    });
    await chronicle.repository.flush();

    const read = await readEverywhere();
    expect(hits(read)).toBeGreaterThan(0);
    await rebuildWorkflowSummaries();
    expect(hits(await exportText())).toBe(0);

    const before = await dump();
    expect(hits(copyBlock(before, 'events'))).toBe(0);
    // Where it may be, before erasure: decrypted, in what was built from the reads.
    expect(hits(copyBlock(before, 'workflow_summaries'))).toBeGreaterThan(0);
    expect(hits(copyBlock(before, 'projection_failures'))).toBeGreaterThan(0);
    expect(hits(await snapshotTexts())).toBeGreaterThan(0);
    expect(hits(logLines.join(''))).toBeGreaterThan(0);
  });

  it('leaves no trace of the marker after erasure, in a dump, the logs or an export', async () => {
    const subjects = [
      master.pseudonym('email', requester),
      master.pseudonym('email', interviewee),
      patientId,
    ];
    const { subjects: listed } = await chronicle.listSubjects({ actor: admin, limit: 1000 });
    expect(listed.map((s) => s.subjectId).sort()).toEqual([...subjects].sort());
    logLines.length = 0;

    for (const subjectId of subjects) await chronicle.eraseSubject({ actor: admin, subjectId });

    const read = await readEverywhere();
    expect(hits(read)).toBe(0);
    expect(read).toContain('erasedFields');
    await rebuildWorkflowSummaries();
    await chronicle.repository.flush();

    expect(hits(await dump())).toBe(0);
    expect(hits(await snapshotTexts())).toBe(0);
    expect(hits(logLines.join(''))).toBe(0);
    expect(logLines.join('')).toContain('what the reads returned');
    expect(hits(await exportText())).toBe(0);
    for (const streamId of [workflowStream, patientStream]) {
      const verified = await chronicle.store.verifyStream({ actor: auditor, streamId });
      expect(verified).toMatchObject({ valid: true, firstInvalidVersion: null });
    }
  });
});
