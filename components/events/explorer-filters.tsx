import { CategorySelect } from '../category-select';
import { FilterForm } from '../filter-form';
import { PageSizeSelect } from '../page-size-select';
import { Field, Input } from '../ui/field';
import { EventTypePicker } from './event-type-picker';
import type { EventTypeGroup } from '@/lib/console/event-type-options';
import { inputTime, type AllEventFilters } from '@/lib/console/filters';

function TimeField({ label, name, value }: { label: string; name: string; value?: Date }) {
  return (
    <Field label={label}>
      <Input
        name={name}
        type="datetime-local"
        step={1}
        defaultValue={inputTime(value)}
        className="w-48"
      />
    </Field>
  );
}

/** A filter by an exact id, typed in a monospaced field. */
function IdField({
  label,
  name,
  value,
  placeholder,
  width = 'w-56',
}: {
  label: string;
  name: string;
  value?: string;
  placeholder?: string;
  width?: string;
}) {
  return (
    <Field label={label}>
      <Input
        name={name}
        defaultValue={value}
        placeholder={placeholder}
        className={`${width} font-mono`}
      />
    </Field>
  );
}

/** Every filter of the explorer, as one GET form: the URL holds the whole view. */
export function ExplorerFilters({
  filters,
  typeGroups,
  categories,
}: {
  filters: AllEventFilters;
  typeGroups: EventTypeGroup[];
  categories: string[];
}) {
  return (
    <FilterForm key={JSON.stringify(filters)} action="/events" clearHref="/events">
      <EventTypePicker groups={typeGroups} selected={filters.type ?? []} />
      <CategorySelect categories={categories} value={filters.category} />
      <IdField label="Stream" name="stream" value={filters.stream} placeholder="e.g. workflow-…" />
      <IdField
        label="Correlation id"
        name="correlationId"
        value={filters.correlationId}
        width="w-72"
      />
      <IdField
        label="Actor"
        name="actor"
        value={filters.actor}
        placeholder="metadata.actor"
        width="w-44"
      />
      <TimeField label="Recorded from (UTC)" name="from" value={filters.from} />
      <TimeField label="Recorded before (UTC)" name="to" value={filters.to} />
      <TimeField label="Occurred from (UTC)" name="occurredFrom" value={filters.occurredFrom} />
      <TimeField label="Occurred before (UTC)" name="occurredTo" value={filters.occurredTo} />
      <PageSizeSelect value={filters.limit} />
      <input type="hidden" name="direction" value={filters.direction} />
      {filters.live && <input type="hidden" name="live" value="1" />}
    </FilterForm>
  );
}
