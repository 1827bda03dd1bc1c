'use client';

import type { FormEvent } from 'react';
import { Button } from '../ui/button';
import { Field, Input, Textarea } from '../ui/field';

/**
 * The text a command needs (a reason, a summary, an output), asked for in place. The text
 * lives in the parent so that it survives a refusal, a conflict and closing the form.
 */
export function InlineCommandForm({
  label,
  value,
  onChange,
  submitLabel,
  onSubmit,
  onClose,
  pending,
  multiline = false,
  optional = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  pending: boolean;
  multiline?: boolean;
  optional?: boolean;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const control = {
    value,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    autoFocus: true,
    className: 'w-full',
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <div className="min-w-72 flex-1">
        <Field label={label}>
          {multiline ? <Textarea rows={3} {...control} /> : <Input {...control} />}
        </Field>
      </div>
      <Button
        type="submit"
        variant="primary"
        disabled={pending || (!optional && value.trim() === '')}
      >
        {pending ? 'Sending…' : submitLabel}
      </Button>
      <Button variant="ghost" onClick={onClose}>
        Close
      </Button>
    </form>
  );
}
