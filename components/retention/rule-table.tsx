import type { Result } from '@/lib/console/result';
import type { RetentionRule } from '@/lib/retention/rules';
import { ActionButton } from '../integrity/action-button';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table';

const limit = (value: number | null, unit: string) =>
  value === null ? (
    <span className="text-zinc-500">none</span>
  ) : (
    `${value.toLocaleString('en-US')} ${unit}`
  );

/** The rules by category; an admin can remove one. */
export function RuleTable({
  rules,
  remove,
}: {
  rules: RetentionRule[];
  remove?: (category: string) => Promise<Result<RetentionRule[]>>;
}) {
  return (
    <Table>
      <TableHead>
        <tr>
          <TableHeaderCell>Category</TableHeaderCell>
          <TableHeaderCell className="text-right">Max age</TableHeaderCell>
          <TableHeaderCell className="text-right">Max events per stream</TableHeaderCell>
          {remove && <TableHeaderCell className="sr-only">Actions</TableHeaderCell>}
        </tr>
      </TableHead>
      <TableBody>
        {rules.map((rule) => (
          <TableRow key={rule.category}>
            <TableCell className="font-mono text-xs">{rule.category}</TableCell>
            <TableCell className="text-right tabular-nums">
              {limit(rule.maxAgeDays, 'days')}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {limit(rule.maxCount, 'newest')}
            </TableCell>
            {remove && (
              <TableCell className="text-right">
                <ActionButton action={remove.bind(null, rule.category)}>Remove</ActionButton>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
