import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestDatabase, operator, type TestDatabase } from '@/test/database';
import { createChronicle, type Chronicle } from '../chronicle';
import { workflowAggregate, workflowStreamId } from '../domain/workflow';
import { importLegacy } from './import-legacy';
import { legacyEventId, legacyWorkflowId } from './legacy-ids';
import { planImport } from './plan';
import { readLegacy } from './read-legacy';
import type { ImportReport } from './report';
import { rollbackImport } from './rollback-import';
import { createLegacyDatabase } from '@/test/legacy-database';
import { generateMasterKeyText, loadMasterKey } from '../personal/master-key';

const masterKey = loadMasterKey(generateMasterKeyText());

let sample: string;
let backupDir: string;
beforeAll(async () => {
  sample = await createLegacyDatabase();
  backupDir = await mkdtemp(path.join(tmpdir(), 'chronicle-import-'));
});

async function openStore(): Promise<{ t: TestDatabase; chronicle: Chronicle }> {
  const t = await createTestDatabase();
  return { t, chronicle: createChronicle({ db: t.db, masterKey }) };
}

const run = (chronicle: Chronicle, options: { from?: string; dryRun?: boolean } = {}) =>
  importLegacy({ chronicle, actor: admin, from: sample, backupDir, ...options });

/** What an import or a rollback may change: the log, its streams, and every read model row. */
async function storeContents(t: TestDatabase) {
  const sql = t.db.$client;
  const [counts] = await sql<
    { events: number; streams: number; snapshots: number; subjects: number }[]
  >`
    select (select count(*) from events where category not like '$%')::int as events,
      (select count(*) from streams where category not like '$%')::int as streams,
      (select count(*) from snapshots)::int as snapshots,
      (select count(*) from subject_keys)::int as subjects`;
  const workflows = await sql`select * from workflow_summaries order by workflow_id`;
  const agents = await sql`select * from agent_summaries order by agent_id`;
  return { counts, workflows, agents };
}

describe('importing the legacy sample', () => {
  let t: TestDatabase;
  let chronicle: Chronicle;
  let report: ImportReport;
  beforeAll(async () => {
    ({ t, chronicle } = await openStore());
    report = await run(chronicle);
  });

  it('imports every row, and every workflow and agent rebuilt from the events equals its row', () => {
    expect(report.refused).toEqual([]);
    expect(report.validation.differences).toEqual([]);
    expect(report.validation.workflows).toEqual({ checked: 300, equal: 300 });
    expect(report.validation.agents).toEqual({ checked: 15, equal: 15 });
    expect(report.clean).toBe(true);
    const counts = Object.fromEntries(
      Object.entries(report.tables).map(([table, c]) => [table, [c.read, c.imported, c.refused]]),
    );
    expect(counts).toEqual({
      ai_agents: [15, 15, 0],
      research_workflows: [300, 300, 0],
      workflow_steps: [1310, 1310, 0],
      agent_task_runs: [1250, 1250, 0],
    });
    expect(report.tables.research_workflows.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(report.events.written).toBe(report.events.planned);
    expect(report.streams).toEqual({ workflow: 300, agent: 15, new: 315 });
  });

  it('writes legacy times, ids derived from the rows, the import id and the source on every event', async () => {
    const sql = t.db.$client;
    const [created] = await sql<
      { event_id: string; occurred_at: Date; metadata: Record<string, unknown> }[]
    >`
      select event_id, occurred_at, metadata from events
      where stream_id = ${workflowStreamId(legacyWorkflowId(1))} and stream_version = 1`;
    expect(created!.event_id).toBe(legacyEventId('research_workflows', 1, 'WorkflowCreated'));
    expect(created!.occurred_at.toISOString()).toBe('2025-06-23T20:40:00.000Z');
    expect(created!.metadata).toMatchObject({
      importId: report.importId,
      source: { table: 'research_workflows', key: 1 },
    });
    const [others] = await sql<{ n: number }[]>`
      select count(*)::int as n from events
      where category in ('workflow', 'agent') and metadata ->> 'importId' is distinct from ${report.importId}`;
    expect(others!.n).toBe(0);
  });

  it('carries the requester into the workflow state', async () => {
    const { state } = await chronicle.repository.load(
      workflowAggregate,
      workflowStreamId(legacyWorkflowId(1)),
      { actor: operator },
    );
    expect(state?.requestedBy).toBe('researcher44@lab.example');
  });

  it('records the run, its report and its backup in imports', async () => {
    const [row] = await t.db.$client<
      {
        status: string;
        events: number;
        streams: number;
        report: ImportReport;
        backup_file: string;
        started_by: string;
      }[]
    >`select * from imports where import_id = ${report.importId}`;
    expect(row).toMatchObject({ status: 'succeeded', events: report.events.written, streams: 315 });
    expect(row!.report.clean).toBe(true);
    expect(row!.started_by).toBe('token:test-admin');
    expect(existsSync(row!.backup_file)).toBe(true);
  });

  it('writes nothing new when run again ("0 new events")', async () => {
    const before = await storeContents(t);
    const again = await run(chronicle);
    expect(again.events).toEqual({
      planned: report.events.planned,
      written: 0,
      existing: report.events.planned,
    });
    expect(again.streams.new).toBe(0);
    expect(again.clean).toBe(true);
    expect(await storeContents(t)).toEqual(before);
  });

  it('refuses to roll back once an imported stream was appended to, naming it and the backup', async () => {
    const workflowId = legacyWorkflowId(1);
    await chronicle.research.runWorkflowCommand({
      actor: operator,
      workflowId,
      command: { command: 'addStep', stepId: 'later', title: 'Added after the import' },
    });
    const before = await storeContents(t);
    const attempt = rollbackImport({ chronicle, actor: admin, importId: report.importId });
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `appended to since: ${workflowStreamId(workflowId)}.*npm run restore -- --from .*pre-import-${report.importId}`,
      ),
    );
    expect(await storeContents(t)).toEqual(before);
    const [row] = await t.db.$client<{ status: string }[]>`
      select status from imports where import_id = ${report.importId}`;
    expect(row!.status).toBe('succeeded');
  });
});

describe('a dry run', () => {
  it('plans, checks and reports, and writes no event, stream or read model', async () => {
    const { t, chronicle } = await openStore();
    const before = await storeContents(t);
    const report = await run(chronicle, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.clean).toBe(true);
    expect(report.events.written).toBe(0);
    expect(report.validation.workflows.equal).toBe(300);
    expect(report.backupFile).toBeNull();
    expect(await storeContents(t)).toEqual(before);
    const [row] = await t.db.$client<{ dry_run: boolean }[]>`
      select dry_run from imports where import_id = ${report.importId}`;
    expect(row!.dry_run).toBe(true);
  });
});

describe('the time zone of legacy timestamps', () => {
  const createdAt = async (timezone: string, workflow: number) => {
    const sql = postgres(sample, { max: 1, onnotice: () => {} });
    const legacy = await readLegacy(sql, timezone).finally(() => sql.end());
    const plan = planImport(legacy, '00000000-0000-4000-8000-000000000000');
    const stream = plan.streams.find(
      (s) => s.streamId === workflowStreamId(legacyWorkflowId(workflow)),
    );
    return stream!.events[0]!.occurredAt.toISOString();
  };

  it('reads them as UTC unless told otherwise, with daylight saving time', async () => {
    // Workflow 1 was created on 2025-06-23 20:40 (summer: UTC+2 in Berlin), 3 on 2025-01-30 00:45.
    expect(await createdAt('UTC', 1)).toBe('2025-06-23T20:40:00.000Z');
    expect(await createdAt('Europe/Berlin', 1)).toBe('2025-06-23T18:40:00.000Z');
    expect(await createdAt('Europe/Berlin', 3)).toBe('2025-01-29T23:45:00.000Z');
  });

  it('refuses a zone it does not know', async () => {
    const { chronicle } = await openStore();
    await expect(
      importLegacy({
        chronicle,
        actor: admin,
        from: sample,
        timezone: 'Mars/Olympus',
        dryRun: true,
      }),
    ).rejects.toThrow(/Unknown time zone Mars\/Olympus/);
  });
});

describe('rolling back an import', () => {
  it('leaves the store as it was: its own events, streams, snapshots and read models', async () => {
    const { t, chronicle } = await openStore();
    await chronicle.research.createWorkflow({
      actor: operator,
      title: 'Written before the import',
      question: 'Does it stay?',
      methodology: {},
    });
    await chronicle.research.registerAgent({
      actor: operator,
      agentId: 'own-agent',
      name: 'Own',
      model: 'm-1',
      capabilities: [],
    });
    const before = await storeContents(t);
    const report = await run(chronicle);
    const imported = await storeContents(t);
    expect(imported.counts!.events).toBe(before.counts!.events + report.events.written);
    // The requesters' keys came with the import, and go with it.
    expect(imported.counts!.subjects).toBeGreaterThan(before.counts!.subjects);

    const result = await rollbackImport({ chronicle, actor: admin, importId: report.importId });
    expect(result).toMatchObject({
      streams: 315,
      removedEvents: report.events.written,
      replays: [],
    });
    expect(await storeContents(t)).toEqual(before);
    const [row] = await t.db.$client<{ status: string; report: { rollback: unknown } }[]>`
      select status, report from imports where import_id = ${report.importId}`;
    expect(row!.status).toBe('rolled_back');
    expect(row!.report.rollback).toMatchObject({ streams: 315 });
    const [audit] = await t.db.$client<{ n: number }[]>`
      select count(*)::int as n from audit_outbox
      where event ->> 'type' = 'LegacyImportRollback'`;
    expect(audit!.n).toBe(1);

    await expect(
      rollbackImport({ chronicle, actor: admin, importId: report.importId }),
    ).rejects.toThrow(/already rolled back/);
    // The same rows import again, with the same ids, once the first import is gone.
    const again = await run(chronicle);
    expect(again.events.written).toBe(report.events.written);
    expect(again.clean).toBe(true);
  });

  it('needs the admin role', async () => {
    const { chronicle } = await openStore();
    await expect(
      rollbackImport({
        chronicle,
        actor: operator,
        importId: '00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toThrow(/admin role/);
  });
});

describe('messy legacy data', () => {
  let report: ImportReport;
  beforeAll(async () => {
    const { chronicle } = await openStore();
    report = await run(chronicle, { from: await createLegacyDatabase('messy.sql') });
  });
  const refusal = (table: string, key: number) =>
    report.refused.find((r) => r.table === table && r.key === key)?.reason;
  const notesOf = (table: string, key: number) =>
    report.notes.filter((n) => n.table === table && n.key === key).map((n) => n.note);

  it('refuses what the domain cannot hold, each row with its reason', () => {
    expect(refusal('ai_agents', 101)).toMatch(/created_at .* is in the future/);
    expect(refusal('research_workflows', 1002)).toMatch(/title is 329 characters; at most 200/);
    expect(refusal('research_workflows', 1003)).toMatch(/unknown workflow status "archived"/);
    expect(refusal('research_workflows', 1005)).toMatch(
      /workflow domain refuses it: .*1 step\(s\) are not finished/,
    );
    expect(refusal('research_workflows', 1007)).toBe('question is missing');
    expect(refusal('workflow_steps', 5003)).toMatch(/unknown step status "done"/);
    expect(refusal('workflow_steps', 5005)).toBe('its workflow 1002 was refused');
    expect(refusal('workflow_steps', 5006)).toBe('its workflow 1005 was refused');
    expect(refusal('workflow_steps', 5007)).toMatch(
      /step is running but its workflow was never started/,
    );
    expect(refusal('workflow_steps', 5008)).toBe('workflow 9999 does not exist');
    expect(refusal('agent_task_runs', 6002)).toBe('its step 5005 was refused');
    expect(refusal('agent_task_runs', 6003)).toMatch(/step 99999 does not exist/);
    expect(refusal('agent_task_runs', 6004)).toMatch(/its agent 7 is not the step's agent 100/);
    expect(refusal('agent_task_runs', 6005)).toMatch(/its step 5002 is still running/);
    expect(report.refused).toHaveLength(14);
    expect(report.tables.ai_agents).toMatchObject({ read: 17, imported: 16, refused: 1 });
    expect(report.tables.research_workflows).toMatchObject({
      read: 308,
      imported: 304,
      refused: 4,
    });
    expect(report.tables.workflow_steps).toMatchObject({ read: 1318, imported: 1313, refused: 5 });
    expect(report.tables.agent_task_runs).toMatchObject({ read: 1255, imported: 1251, refused: 4 });
    expect(report.clean).toBe(false);
  });

  it('normalises case, whitespace and unicode, and notes every liberty it takes', () => {
    expect(notesOf('ai_agents', 100)).toEqual([
      'model is missing; recorded as "unknown"',
      'retired: the agent domain has no retirement; not recorded',
    ]);
    expect(notesOf('research_workflows', 1001)).toEqual([
      'requested_by is not an e-mail address; left out',
      'methodology is not a JSON object; kept under "value"',
    ]);
    expect(notesOf('workflow_steps', 5001)).toEqual([
      'finished_at 2025-02-01T11:00:00.000Z is before started_at 2025-02-01T12:00:00.000Z; taken as started_at',
    ]);
    expect(notesOf('workflow_steps', 5002)).toEqual([
      'agent 999 does not exist; imported without an agent',
    ]);
    expect(notesOf('workflow_steps', 5004)).toEqual([
      'no task run recorded; the agent is recorded as spending nothing',
    ]);
    expect(notesOf('agent_task_runs', 6001)).toEqual(['tokensIn is missing; recorded as 0']);
    expect(notesOf('research_workflows', 1004)).toEqual([
      'summary is missing; recorded as "no summary recorded"',
      'WorkflowCompleted at 2025-03-09T00:00:00.000Z was before WorkflowStarted at 2025-03-10T13:00:00.000Z; moved to that time',
    ]);
    expect(notesOf('research_workflows', 1008)).toEqual([
      'title is missing; named "LEG-001008"',
      'completed_at is missing; taken from updated_at or the last event',
      'failure_reason is missing; recorded as "no reason recorded"',
    ]);
  });

  it('imports the rest so that every imported row equals its rebuilt state', () => {
    expect(report.validation.differences).toEqual([]);
    expect(report.validation.workflows).toEqual({ checked: 304, equal: 304 });
    expect(report.validation.agents).toEqual({ checked: 16, equal: 16 });
  });
});
