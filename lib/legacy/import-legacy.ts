import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { actorLabel, assertRole, type Actor } from '../actor';
import { agentAggregate, agentStreamId } from '../domain/agent';
import type { Agent } from '../domain/agent/state';
import { workflowAggregate, workflowStreamId } from '../domain/workflow';
import type { Workflow } from '../domain/workflow/state';
import { auditEvent } from '../audit/audit-event';
import type { Chronicle } from '../chronicle';
import { planImport } from './plan';
import { preImportBackup } from './pre-import-backup';
import { readLegacy } from './read-legacy';
import { buildReport, type ImportReport } from './report';
import { validateImport } from './validate';
import { writePlan, type WriteProgress, type Written } from './write-plan';

export type ImportOptions = {
  chronicle: Chronicle;
  actor: Actor;
  /** The legacy database's URL. */
  from: string;
  dryRun?: boolean;
  /** The zone the legacy timestamps without zone were written in. */
  timezone?: string;
  /** Where the pre-import backup goes; none is taken when absent (and none for a dry run). */
  backupDir?: string;
  onProgress?: (progress: WriteProgress) => void;
};

/** The source as recorded: its URL without the password. */
export function redactedSource(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

const NOTHING_WRITTEN: Written = { written: 0, existing: 0, newStreams: 0, conflicts: [] };

/**
 * Imports the legacy research database: read in one snapshot, planned whole (refusals and notes
 * included), backed up, written stream by stream through the aggregates, then checked row by row
 * against the state rebuilt from the store. The run and its report are kept in `imports` and
 * the act is on the audit trail; a dry run plans and checks against the planned states only.
 */
export async function importLegacy({
  chronicle,
  actor,
  from,
  dryRun = false,
  timezone = 'UTC',
  backupDir,
  onProgress,
}: ImportOptions): Promise<ImportReport> {
  assertRole(actor, 'operator');
  const importId = randomUUID();
  const startedAt = new Date();
  const sql = chronicle.store.context.sql;
  const source = redactedSource(from);
  const legacySql = postgres(from, { max: 1, onnotice: () => {} });
  const legacy = await readLegacy(legacySql, timezone).finally(() => legacySql.end());
  const plan = planImport(legacy, importId, startedAt);
  await sql`
    insert into imports (import_id, source, status, dry_run, started_by, started_at)
    values (${importId}, ${source}, 'running', ${dryRun}, ${actorLabel(actor)}, ${startedAt.toISOString()}::timestamptz)`;
  try {
    let backupFile: string | null = null;
    let written = NOTHING_WRITTEN;
    if (!dryRun) {
      if (backupDir) {
        backupFile = await preImportBackup({
          sql: chronicle.store.context.db.$client,
          dir: backupDir,
          importId,
        });
        await sql`update imports set backup_file = ${backupFile} where import_id = ${importId}`;
      }
      written = await writePlan({ sql, repository: chronicle.repository, actor, plan, onProgress });
      await chronicle.repository.flush();
    }
    const planned = new Map(plan.streams.map((stream) => [stream.streamId, stream.state]));
    const stored = async <S>(
      aggregate: typeof workflowAggregate | typeof agentAggregate,
      streamId: string,
    ) =>
      dryRun
        ? ((planned.get(streamId) as S | undefined) ?? null)
        : ((await chronicle.repository.load(aggregate, streamId, { actor })).state as S | null);
    const validation = await validateImport(legacy, [...plan.refused, ...written.conflicts], {
      workflow: (id) => stored<Workflow>(workflowAggregate, workflowStreamId(id)),
      agent: (id) => stored<Agent>(agentAggregate, agentStreamId(id)),
    });
    const report = buildReport({
      importId,
      source,
      dryRun,
      timezone,
      startedAt,
      legacy,
      plan,
      written,
      validation,
      backupFile,
    });
    await sql`
      update imports set status = 'succeeded', events = ${written.written},
        streams = ${written.newStreams}, refused = ${report.refused.length},
        report = ${JSON.stringify(report)}::jsonb, finished_at = now()
      where import_id = ${importId}`;
    await chronicle.audit.record(
      auditEvent({ actor }, 'LegacyImport', 'succeeded', importId, {
        dryRun,
        events: written.written,
        refused: report.refused.length,
        clean: report.clean,
      }),
    );
    return report;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await sql`
      update imports set status = 'failed', report = ${JSON.stringify({ error: message })}::jsonb,
        finished_at = now()
      where import_id = ${importId}`;
    await chronicle.audit.record(
      auditEvent({ actor }, 'LegacyImport', 'failed', importId, { dryRun, error: message }),
    );
    throw error;
  }
}
