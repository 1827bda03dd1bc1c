'use client';

import { useState, useTransition, type FormEvent } from 'react';
import type { FormResult } from './form-result';

/**
 * A controlled form posting its values to a server action: what was typed stays when the
 * server refuses it (unless `clear: 'always'`, for secrets), and each field can say whether it
 * is the one in error and where its message is.
 */
export function useFormAction<Field extends string, V extends Record<string, string>, T>({
  action,
  empty,
  idPrefix,
  clear = 'onSuccess',
}: {
  action: (values: V) => Promise<FormResult<T, Field>>;
  empty: V;
  idPrefix: string;
  clear?: 'onSuccess' | 'always';
}) {
  const [values, setValues] = useState<V>(empty);
  const [answer, setAnswer] = useState<FormResult<T, Field> | null>(null);
  const [pending, startTransition] = useTransition();
  const failure = answer && !answer.ok ? answer : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await action(values);
      setAnswer(result);
      if (result.ok || clear === 'always') setValues(empty);
    });
  };
  const setValue = (name: keyof V, value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const errorId = (name: Field) => `${idPrefix}-${name}-error`;
  const errorOf = (name: Field) => failure?.fieldErrors?.[name];
  const invalid = (name: Field) => ({
    'aria-invalid': errorOf(name) ? true : undefined,
    'aria-describedby': errorOf(name) ? errorId(name) : undefined,
  });
  return {
    values,
    setValue,
    answer,
    setAnswer,
    failure,
    pending,
    submit,
    errorId,
    errorOf,
    invalid,
  };
}
