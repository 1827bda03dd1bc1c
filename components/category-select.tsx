import { Field, Select } from './ui/field';

/** Categories known to the store; a category asked for in the URL stays selectable even if empty. */
export function CategorySelect({ categories, value }: { categories: string[]; value?: string }) {
  const options = value && !categories.includes(value) ? [value, ...categories] : categories;
  return (
    <Field label="Category">
      <Select name="category" defaultValue={value ?? ''} className="w-44">
        <option value="">All categories</option>
        {options.map((category) => (
          <option key={category} value={category}>
            {category}
          </option>
        ))}
      </Select>
    </Field>
  );
}
