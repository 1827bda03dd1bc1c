import { Badge, type BadgeTone } from '../ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';
import type { FieldChange } from '@/lib/temporal/diff';

const tones: Record<FieldChange['change'], BadgeTone> = {
  added: 'green',
  removed: 'red',
  changed: 'amber',
};

function Value({ value, present }: { value: unknown; present: boolean }) {
  if (!present) return <span className="text-zinc-600">—</span>;
  return <code className="font-mono text-xs break-all text-zinc-800">{JSON.stringify(value)}</code>;
}

/** Fields added, removed and changed between two states, old value → new value. */
export function StateDiff({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) {
    return (
      <p className="px-4 py-3 text-sm text-zinc-600">
        No difference: both points have the same state.
      </p>
    );
  }
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell>Field</TableHeaderCell>
          <TableHeaderCell>Change</TableHeaderCell>
          <TableHeaderCell>Before</TableHeaderCell>
          <TableHeaderCell>After</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {changes.map((change) => (
          <TableRow key={`${change.change}:${change.path}`}>
            <TableCell className="font-mono text-xs text-zinc-900">{change.path}</TableCell>
            <TableCell>
              <Badge tone={tones[change.change]}>{change.change}</Badge>
            </TableCell>
            <TableCell className="max-w-80">
              <Value value={change.oldValue} present={'oldValue' in change} />
            </TableCell>
            <TableCell className="max-w-80">
              <Value value={change.newValue} present={'newValue' in change} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
