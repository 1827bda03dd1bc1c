import { Field, Select } from './ui/field';

export type SelectOption = { value: string; label: string };

/** A labelled select of a GET filter form; `value` is the choice the URL holds now. */
export function SelectField({
  label,
  name,
  value,
  options,
  className,
}: {
  label: string;
  name: string;
  value: string;
  options: SelectOption[];
  className?: string;
}) {
  return (
    <Field label={label}>
      <Select name={name} defaultValue={value} className={className}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
