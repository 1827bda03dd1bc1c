import { PAGE_SIZES, type PageSize } from '@/lib/console/filters';
import { Field, Select } from './ui/field';

export function PageSizeSelect({ value }: { value: PageSize }) {
  return (
    <Field label="Per page">
      <Select name="limit" defaultValue={String(value)} className="w-20">
        {PAGE_SIZES.map((size) => (
          <option key={size} value={size}>
            {size}
          </option>
        ))}
      </Select>
    </Field>
  );
}
