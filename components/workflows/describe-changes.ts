import type { ChangeLine } from './command-result';
import { formatValue } from './format-value';
import type { Workflow } from '@/lib/domain/workflow/state';
import type { FieldChange } from '@/lib/temporal/diff';

/** `steps.2.status` → `Step “Collect data” · status`; `status` → `Status`. */
function labelOf(path: string, before: Workflow | null, after: Workflow | null): string {
  const [head = '', ...rest] = path.split('.');
  if (head === 'steps' && rest.length > 0) {
    const index = Number(rest[0]);
    const title = after?.steps[index]?.title ?? before?.steps[index]?.title;
    const step = title ? `Step “${title}”` : `Step ${index + 1}`;
    return [step, ...rest.slice(1)].join(' · ');
  }
  return [head.charAt(0).toUpperCase() + head.slice(1), ...rest].join(' · ');
}

/** The differences between two versions of a workflow, for a person to read. */
export function describeChanges(
  changes: FieldChange[],
  before: Workflow | null,
  after: Workflow | null,
): ChangeLine[] {
  return changes.map(({ path, change, oldValue, newValue }) => ({
    label: labelOf(path, before, after),
    change,
    ...(change === 'added' ? {} : { before: formatValue(oldValue) }),
    ...(change === 'removed' ? {} : { after: formatValue(newValue) }),
  }));
}
