'use server';

import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { fieldErrorList, fieldErrorsOf, type FormResult } from '@/components/form-result';
import { workflowStreamId } from '@/lib/domain/workflow';
import { createWorkflowSchema } from '@/lib/domain/workflow/commands';
import { validationError } from '@/lib/errors';
import { getChronicle } from '@/lib/runtime';
import { consoleAction } from '../../_session/console-action';

export type NewWorkflowField = 'title' | 'question' | 'methodology' | 'requestedBy';

/** What the form posts: the methodology as the JSON text the user typed. */
const form = z.object({
  title: z.string(),
  question: z.string(),
  methodology: z.string(),
  requestedBy: z.string().optional(),
});

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

/**
 * Creates a workflow as a draft, with its audit event in the same transaction. Every field is
 * checked, even when the methodology is unreadable, so all errors show at once.
 */
export async function createWorkflow(
  values: Record<NewWorkflowField, string>,
): Promise<FormResult<{ workflowId: string }, NewWorkflowField>> {
  const workflowId = randomUUID();
  return consoleAction(
    { action: 'WorkflowCreate', role: 'operator', target: workflowStreamId(workflowId) },
    async ({ actor, audit }) => {
      const posted = form.safeParse(values);
      if (!posted.success) throw validationError('The form was not sent as expected');
      const methodology = parseMethodology(posted.data.methodology);
      const parsed = createWorkflowSchema.safeParse({
        ...posted.data,
        methodology: methodology.ok ? methodology.value : {},
        // A blank field names nobody.
        requestedBy: posted.data.requestedBy?.trim() || undefined,
      });
      if (!parsed.success || !methodology.ok) {
        throw validationError('The workflow was not created: check the fields below', [
          ...(parsed.success ? [] : fieldErrorList(parsed.error)),
          ...(methodology.ok ? [] : [{ path: 'methodology', message: methodology.error }]),
        ]);
      }
      const { research } = await getChronicle();
      await research.createWorkflow({
        actor,
        workflowId,
        ...parsed.data,
        audit: audit.inTransaction(),
      });
      revalidatePath('/workflows');
      return { workflowId };
    },
    (error) => ({ fieldErrors: fieldErrorsOf<NewWorkflowField>(error) }),
  );
}
