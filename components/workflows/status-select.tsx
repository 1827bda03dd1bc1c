import { Field, Select } from '../ui/field';
import { workflowStatuses, type WorkflowStatus } from '@/lib/domain/workflow/state';

export function StatusSelect({ value }: { value?: WorkflowStatus }) {
  return (
    <Field label="Status">
      <Select name="status" defaultValue={value ?? ''} className="w-36">
        <option value="">All statuses</option>
        {workflowStatuses.map((status) => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </Select>
    </Field>
  );
}
