import type { AuditEntry } from '@/lib/console/audit-log';
import { TimeLabel } from '../times';
import { Table, TableBody, TableHead, TableHeaderCell } from '../ui/table';
import { AuditRow } from './audit-row';

export type AuditLinks = Map<number, { href: string | null; label?: string }>;

/** The audit trail's acts, newest first; `links` by position: where each target leads. */
export function AuditTable({ entries, links }: { entries: AuditEntry[]; links: AuditLinks }) {
  return (
    <Table aria-label="Audit trail">
      <TableHead>
        <tr>
          <TableHeaderCell>
            <span className="sr-only">Details</span>
          </TableHeaderCell>
          <TableHeaderCell>
            <TimeLabel label="Time" kind="occurred" />
          </TableHeaderCell>
          <TableHeaderCell>Action, outcome</TableHeaderCell>
          <TableHeaderCell>Actor</TableHeaderCell>
          <TableHeaderCell>Target</TableHeaderCell>
          <TableHeaderCell>Client, request</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {entries.map((entry) => (
          <AuditRow
            key={entry.position}
            entry={entry}
            href={links.get(entry.position)?.href ?? null}
            label={links.get(entry.position)?.label}
          />
        ))}
      </TableBody>
    </Table>
  );
}
