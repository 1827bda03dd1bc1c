'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { fieldErrorsOf, type FormResult } from '@/components/workflows/form-result';
import { consoleActor } from '@/lib/console-actor';
import { createWorkflowSchema } from '@/lib/domain/workflow/commands';
import { ChronicleError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { getChronicle } from '@/lib/runtime';

export type NewWorkflowField = 'title' | 'question' | 'methodology';

/** The methodology arrives as the JSON text the user typed; it must hold an object. */
const input = z.object({
  title: z.string(),
  question: z.string(),
  methodology: z.string().transform((text, ctx) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      ctx.addIssue({ code: 'custom', message: `Methodology is not valid JSON: ${why}` });
      return z.NEVER;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: 'Methodology must be a JSON object: {"…": …}' });
      return z.NEVER;
    }
    return value;
  }),
});

export async function createWorkflow(
  values: Record<NewWorkflowField, string>,
): Promise<FormResult<{ workflowId: string }, NewWorkflowField>> {
  const parsed = input.pipe(createWorkflowSchema).safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      error: 'The workflow was not created: check the fields below',
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  }
  try {
    const { research } = await getChronicle();
    const { workflowId } = await research.createWorkflow({ actor: consoleActor, ...parsed.data });
    revalidatePath('/workflows');
    return { ok: true, data: { workflowId } };
  } catch (error) {
    if (error instanceof ChronicleError && error.status < 500) {
      return { ok: false, error: error.message, fieldErrors: {} };
    }
    logger().error({ err: error }, 'creating a workflow failed');
    return {
      ok: false,
      error: 'The workflow could not be created; the server log has the details',
      fieldErrors: {},
    };
  }
}
