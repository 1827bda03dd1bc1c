import { PAGE_SIZES, type PageSize } from '@/lib/console/filters';
import { SelectField } from './select-field';

export function PageSizeSelect({ value }: { value: PageSize }) {
  return (
    <SelectField
      label="Per page"
      name="limit"
      value={String(value)}
      className="w-20"
      options={PAGE_SIZES.map((size) => ({ value: String(size), label: String(size) }))}
    />
  );
}
