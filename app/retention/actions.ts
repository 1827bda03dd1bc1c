'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formFailure, type FormResult } from '@/components/form-result';
import type { RuleField, RuleValues } from '@/components/retention/rule-values';
import type { Result } from '@/lib/console/result';
import { validationError } from '@/lib/errors';
import type { RetentionRule } from '@/lib/retention/rules';
import type { ScavengeStatus } from '@/lib/retention/tasks';
import { getChronicle } from '@/lib/runtime';
import { consoleAction } from '../_session/console-action';

/** An empty field is no limit; anything else must be a whole number. */
const limitField = z
  .string()
  .trim()
  .regex(/^\d*$/, { error: 'a whole number of 0 or more, or empty for none' })
  .transform((text) => (text === '' ? null : Number(text)));

const ruleForm = z.object({
  category: z.string().trim().min(1, { error: 'name a category' }).max(200),
  maxAgeDays: limitField,
  maxCount: limitField,
});

/** Sets (or, with both limits empty, removes) a category's rule. */
export async function saveRule(
  values: RuleValues,
): Promise<FormResult<RetentionRule[], RuleField>> {
  const parsed = ruleForm.safeParse(values);
  const target = parsed.success ? `retention:${parsed.data.category}` : null;
  return consoleAction(
    { action: 'RetentionChange', role: 'admin', target },
    async ({ actor, audit }) => {
      if (!parsed.success) {
        throw validationError(
          'Not saved: check the fields below',
          parsed.error.issues.map((issue) => ({
            path: String(issue.path[0]),
            message: issue.message,
          })),
        );
      }
      const { category, maxAgeDays, maxCount } = parsed.data;
      audit.note({ maxAgeDays, maxCount });
      const rules = await (
        await getChronicle()
      ).retention.setRule({
        actor,
        category,
        maxAgeDays,
        maxCount,
      });
      revalidatePath('/retention');
      return rules;
    },
    formFailure,
  );
}

const category = z.string().min(1).max(200);

export async function removeRule(name: string): Promise<Result<RetentionRule[]>> {
  const parsed = category.safeParse(name);
  return consoleAction(
    {
      action: 'RetentionChange',
      role: 'admin',
      target: parsed.success ? `retention:${name}` : null,
    },
    async ({ actor, audit }) => {
      if (!parsed.success) throw validationError('Not a category');
      audit.note({ maxAgeDays: null, maxCount: null });
      const rules = await (
        await getChronicle()
      ).retention.setRule({
        actor,
        category: parsed.data,
        maxAgeDays: null,
        maxCount: null,
      });
      revalidatePath('/retention');
      return rules;
    },
  );
}

const streamId = z.string().trim().min(1).max(201);

/** Places or lifts a legal hold on a stream. */
export async function setHold(
  id: string,
  hold: boolean,
): Promise<Result<{ streamId: string; hold: boolean }>> {
  const parsed = streamId.safeParse(id);
  return consoleAction(
    { action: 'LegalHoldChange', role: 'admin', target: parsed.success ? parsed.data : null },
    async ({ actor, audit }) => {
      if (!parsed.success) throw validationError('Name a stream');
      audit.note({ hold });
      const answer = await (
        await getChronicle()
      ).retention.setHold({
        actor,
        streamId: parsed.data,
        hold,
      });
      revalidatePath('/retention');
      return answer;
    },
  );
}

/** Queues a scavenge now; the page shows it waiting, then its result. */
export async function scavengeNow(): Promise<Result<ScavengeStatus>> {
  return consoleAction(
    { action: 'ScavengeRequest', role: 'operator', target: 'retention' },
    async ({ actor }) => {
      const status = await (await getChronicle()).retention.requestScavenge({ actor });
      revalidatePath('/retention');
      return status;
    },
  );
}
