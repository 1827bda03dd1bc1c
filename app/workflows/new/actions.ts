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

/** What the form posts: the methodology as the JSON text the user typed. */
const form = z.object({ title: z.string(), question: z.string(), methodology: z.string() });

/** The methodology text as an object, or why it is not one. */
function parseMethodology(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `Methodology is not valid JSON: ${why}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'Methodology must be a JSON object: {"…": …}' };
  }
  return { ok: true, value };
}

export async function createWorkflow(
  values: Record<NewWorkflowField, string>,
): Promise<FormResult<{ workflowId: string }, NewWorkflowField>> {
  const posted = form.safeParse(values);
  if (!posted.success) {
    return { ok: false, error: 'The form was not sent as expected', fieldErrors: {} };
  }
  const methodology = parseMethodology(posted.data.methodology);
  // Every field is checked, even when the methodology is unreadable, so all errors show at once.
  const parsed = createWorkflowSchema.safeParse({
    ...posted.data,
    methodology: methodology.ok ? methodology.value : {},
  });
  if (!parsed.success || !methodology.ok) {
    return {
      ok: false,
      error: 'The workflow was not created: check the fields below',
      fieldErrors: {
        ...(parsed.success ? {} : fieldErrorsOf<NewWorkflowField>(parsed.error)),
        ...(methodology.ok ? {} : { methodology: methodology.error }),
      },
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
