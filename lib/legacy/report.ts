import type { ImportPlan, Note, Refusal } from './plan-types';
import { legacyTables, type LegacyData, type LegacyTable } from './read-legacy';
import type { Validation } from './validate';
import type { Written } from './write-plan';

export type TableCount = { read: number; imported: number; refused: number; checksum: string };

export type ImportReport = {
  importId: string;
  source: string;
  dryRun: boolean;
  timezone: string;
  startedAt: string;
  finishedAt: string;
  /** Events the plan holds, of which `written` new and `existing` already stored. */
  events: { planned: number; written: number; existing: number };
  streams: { workflow: number; agent: number; new: number };
  tables: Record<LegacyTable, TableCount>;
  validation: Validation;
  /** `true` when nothing was refused and every imported row's state equals the row. */
  clean: boolean;
  refused: Refusal[];
  notes: Note[];
  backupFile: string | null;
};

const rowsOf = (legacy: LegacyData, table: LegacyTable) =>
  ({
    ai_agents: legacy.agents,
    research_workflows: legacy.workflows,
    workflow_steps: legacy.steps,
    agent_task_runs: legacy.runs,
  })[table].length;

export function buildReport(params: {
  importId: string;
  source: string;
  dryRun: boolean;
  timezone: string;
  startedAt: Date;
  legacy: LegacyData;
  plan: ImportPlan;
  written: Written;
  validation: Validation;
  backupFile: string | null;
}): ImportReport {
  const { legacy, plan, written, validation } = params;
  const refused = [...plan.refused, ...written.conflicts].sort(
    (a, b) => a.table.localeCompare(b.table) || a.key - b.key,
  );
  const tables = Object.fromEntries(
    legacyTables.map((table) => {
      const out = new Set(refused.filter((r) => r.table === table).map((r) => r.key)).size;
      const read = rowsOf(legacy, table);
      return [
        table,
        { read, imported: read - out, refused: out, checksum: legacy.checksums[table] },
      ];
    }),
  ) as Record<LegacyTable, TableCount>;
  const count = (kind: string) => plan.streams.filter((s) => s.kind === kind).length;
  return {
    importId: params.importId,
    source: params.source,
    dryRun: params.dryRun,
    timezone: params.timezone,
    startedAt: params.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    events: {
      planned: plan.streams.reduce((n, s) => n + s.events.length, 0),
      written: written.written,
      existing: written.existing,
    },
    streams: { workflow: count('workflow'), agent: count('agent'), new: written.newStreams },
    tables,
    validation,
    clean: refused.length === 0 && validation.differences.length === 0,
    refused,
    notes: plan.notes,
    backupFile: params.backupFile,
  };
}

const n = (value: number) => value.toLocaleString('en-US');

/** The report as a person reads it on a terminal: the figures, then each refusal and difference. */
export function summarise(report: ImportReport): string {
  const { validation: v } = report;
  const lines = [
    `Legacy import ${report.importId}${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    `  source ${report.source}, timestamps without zone read in ${report.timezone}`,
    `  ${n(report.events.planned)} events planned: ${n(report.events.written)} new events, ${n(report.events.existing)} already stored`,
    `  streams: ${n(report.streams.workflow)} workflow, ${n(report.streams.agent)} agent, ${n(report.streams.new)} new`,
    '',
    '  table                read  imported  refused  checksum',
    ...Object.entries(report.tables).map(
      ([table, c]) =>
        `  ${table.padEnd(18)} ${n(c.read).padStart(6)} ${n(c.imported).padStart(9)} ${n(c.refused).padStart(8)}  ${c.checksum.slice(0, 16)}`,
    ),
    '',
    `  validation: ${n(v.workflows.equal)} of ${n(v.workflows.checked)} workflows and ${n(v.agents.equal)} of ${n(v.agents.checked)} agents equal their legacy rows`,
    ...v.differences.map(
      (d) =>
        `    ${d.table} ${d.key}: ${d.field} is ${JSON.stringify(d.imported)}, legacy ${JSON.stringify(d.legacy)}`,
    ),
    `  refused: ${n(report.refused.length)} rows`,
    ...report.refused.map((r) => `    ${r.table} ${r.key}: ${r.reason}`),
    `  notes: ${n(report.notes.length)} (what was adjusted; see the JSON report)`,
    ...(report.backupFile ? [`  backup before import: ${report.backupFile}`] : []),
    report.clean ? '  Clean: every row imported and equal.' : '  Not clean: see above.',
  ];
  return lines.join('\n');
}
