'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { Notice } from '../notice';
import { Button } from '../ui/button';
import { Input, Textarea } from '../ui/field';
import { FormField } from '../form-field';
import type { FormResult } from '../form-result';
import { workflowHref } from './workflow-href';

type Values = { title: string; question: string; methodology: string; requestedBy: string };
type Result = FormResult<{ workflowId: string }, keyof Values>;

const DEFAULT_METHODOLOGY = `{
  "design": "cohort",
  "sample": 200,
  "sources": ["PubMed", "registry data"]
}`;

/**
 * Controlled fields on purpose: a form action would reset them after every submission, and
 * nothing the user typed may be lost when the server refuses it.
 */
export function NewWorkflowForm({ create }: { create: (values: Values) => Promise<Result> }) {
  const router = useRouter();
  const [values, setValues] = useState<Values>({
    title: '',
    question: '',
    methodology: DEFAULT_METHODOLOGY,
    requestedBy: '',
  });
  const [failure, setFailure] = useState<Extract<Result, { ok: false }> | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const answer = await create(values);
      if (answer.ok) router.push(workflowHref(answer.data.workflowId));
      else setFailure(answer);
    });
  };
  const errorId = (name: keyof Values) => `new-workflow-${name}-error`;
  const control = (name: keyof Values) => ({
    name,
    value: values[name],
    onChange: (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [name]: event.target.value })),
    'aria-invalid': failure?.fieldErrors?.[name] ? true : undefined,
    'aria-describedby': failure?.fieldErrors?.[name] ? errorId(name) : undefined,
  });
  const field = (name: keyof Values, label: string, input: ReactNode) => (
    <FormField label={label} error={failure?.fieldErrors?.[name]} errorId={errorId(name)}>
      {input}
    </FormField>
  );

  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-4 p-4">
      {failure && <Notice title={failure.error} />}
      {field(
        'title',
        'Title',
        <Input
          {...control('title')}
          maxLength={200}
          placeholder="e.g. Coral bleaching forecasts"
        />,
      )}
      {field(
        'question',
        'Research question',
        <Textarea
          {...control('question')}
          rows={3}
          maxLength={2000}
          placeholder="e.g. Can sea-surface temperature anomalies predict bleaching 8 weeks ahead?"
        />,
      )}
      {field(
        'methodology',
        'Methodology (JSON object)',
        <Textarea {...control('methodology')} rows={7} spellCheck={false} className="font-mono" />,
      )}
      {field(
        'requestedBy',
        'Requested by (e-mail, optional; personal data, erasable)',
        <Input
          {...control('requestedBy')}
          type="email"
          maxLength={320}
          autoComplete="off"
          placeholder="e.g. ada@example.org"
        />,
      )}
      <div>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Creating…' : 'Create workflow'}
        </Button>
      </div>
    </form>
  );
}
