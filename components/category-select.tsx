import { SelectField } from './select-field';

/** Categories known to the store; a category asked for in the URL stays selectable even if empty. */
export function CategorySelect({ categories, value }: { categories: string[]; value?: string }) {
  const known = value && !categories.includes(value) ? [value, ...categories] : categories;
  return (
    <SelectField
      label="Category"
      name="category"
      value={value ?? ''}
      className="w-48"
      options={[
        { value: '', label: 'All categories' },
        ...known.map((category) => ({ value: category, label: category })),
      ]}
    />
  );
}
