import type { ReactNode } from 'react';
import { Field } from './ui/field';

/**
 * A labelled control with its validation message under it, outside the label so the message
 * does not become part of the control's name; the control points at it with aria-describedby.
 */
export function FormField({
  label,
  error,
  errorId,
  children,
}: {
  label: string;
  error?: string;
  errorId: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <Field label={label}>{children}</Field>
      {error && (
        <p id={errorId} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
