'use client';

import { Save } from 'lucide-react';
import { useRouter } from 'next/navigation';
import type { RetentionRule } from '@/lib/retention/rules';
import { FormField } from '../form-field';
import type { FormResult } from '../form-result';
import { Notice } from '../notice';
import { Button } from '../ui/button';
import { Input } from '../ui/field';
import { useFormAction } from '../use-form-action';
import type { RuleField, RuleValues } from './rule-values';

const EMPTY: RuleValues = { category: '', maxAgeDays: '', maxCount: '' };

/** Sets a category's rule; both limits empty removes it. */
export function RuleForm({
  save,
}: {
  save: (values: RuleValues) => Promise<FormResult<RetentionRule[], RuleField>>;
}) {
  const router = useRouter();
  const { values, setValue, answer, failure, pending, submit, errorId, errorOf, invalid } =
    useFormAction<RuleField, RuleValues, RetentionRule[]>({
      action: async (given) => {
        const result = await save(given);
        if (result.ok) router.refresh();
        return result;
      },
      empty: EMPTY,
      idPrefix: 'rule',
    });
  const field = (name: RuleField, label: string, placeholder: string, width: string) => (
    <FormField label={label} error={errorOf(name)} errorId={errorId(name)}>
      <Input
        value={values[name]}
        onChange={(event) => setValue(name, event.target.value)}
        placeholder={placeholder}
        inputMode={name === 'category' ? undefined : 'numeric'}
        className={width}
        {...invalid(name)}
      />
    </FormField>
  );
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3 px-4 py-4">
      {failure && <Notice title={failure.error} />}
      {answer?.ok && (
        <p role="status" className="text-xs text-emerald-700">
          Saved: expired events are hidden from every read from now on.
        </p>
      )}
      <div className="flex flex-wrap items-start gap-4">
        {field('category', 'Category', 'e.g. agent', 'w-48')}
        {field('maxAgeDays', 'Max age (days)', 'no limit', 'w-36')}
        {field('maxCount', 'Max events per stream', 'no limit', 'w-44')}
        <Button type="submit" variant="primary" disabled={pending} className="mt-5">
          <Save className="size-4" aria-hidden />
          {pending ? 'Saving…' : 'Save rule'}
        </Button>
      </div>
      <p className="text-xs text-zinc-500">
        Age is by recorded time. Leave both limits empty to remove a category&apos;s rule. The audit
        trail ($audit) is never subject to retention.
      </p>
    </form>
  );
}
