'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { CommandInput, CommandResult, Conflict } from '@/components/workflows/command-result';
import { describeChanges } from '@/components/workflows/describe-changes';
import type { Actor } from '@/lib/actor';
import { workflowStreamId } from '@/lib/domain/workflow';
import { workflowCommandSchema } from '@/lib/domain/workflow/commands';
import { allowedCommands } from '@/lib/domain/workflow/transitions';
import type { Workflow } from '@/lib/domain/workflow/state';
import { validationError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { getChronicle } from '@/lib/runtime';
import { diffStates } from '@/lib/temporal/diff';
import { consoleAction } from '../../_session/console-action';

const target = z.object({ workflowId: z.uuid(), expectedVersion: z.number().int().min(1) });

/**
 * Runs one command on a workflow, at the version the page showed, with its audit event in the
 * command's own transaction. A refusal comes back as a message; a conflict also says what the
 * other change did, so the user can decide to resend.
 */
export async function runWorkflowCommand(
  workflowId: string,
  expectedVersion: number,
  command: CommandInput,
): Promise<CommandResult> {
  const where = target.safeParse({ workflowId, expectedVersion });
  const what = workflowCommandSchema.safeParse(command);
  return consoleAction(
    {
      action: 'WorkflowCommand',
      role: 'operator',
      target: where.success ? workflowStreamId(where.data.workflowId) : null,
    },
    async ({ actor, audit }) => {
      if (!where.success || !what.success) {
        const issues = [...(where.error?.issues ?? []), ...(what.error?.issues ?? [])];
        throw validationError(issues.map((issue) => issue.message).join('; '));
      }
      audit.note({ command: what.data.command });
      const { research } = await getChronicle();
      const { version } = await research.runWorkflowCommand({
        actor,
        ...where.data,
        command: what.data,
        audit: audit.inTransaction(),
      });
      // The workflow, the lists and the agents' totals all change with a command.
      revalidatePath('/', 'layout');
      return { version };
    },
    async (error, { actor }): Promise<{ error?: string; conflict?: Conflict }> => {
      if (error.code !== 'concurrency' || !where.success || !what.success) return {};
      const currentVersion = Number(error.details.currentVersion);
      // Without the comparison the user still learns of the conflict, and can reload.
      const conflict = await conflictOf(actor, where.data, currentVersion, what.data.command).catch(
        (failure: unknown) => {
          logger().warn({ err: failure, workflowId }, 'comparing workflow versions failed');
          return undefined;
        },
      );
      return {
        error: `Someone else changed this workflow (now version ${currentVersion}); reload to see it`,
        conflict,
      };
    },
  );
}

async function conflictOf(
  actor: Actor,
  { workflowId, expectedVersion }: z.output<typeof target>,
  currentVersion: number,
  command: CommandInput['command'],
): Promise<Conflict> {
  const { stateAt } = await getChronicle();
  const streamId = workflowStreamId(workflowId);
  const [before, after] = await Promise.all(
    [expectedVersion, currentVersion].map(
      async (version) => (await stateAt({ actor, streamId, point: { version } })).state as Workflow,
    ),
  );
  if (!before || !after) throw new Error(`workflow ${workflowId} has no state to compare`);
  return {
    expectedVersion,
    currentVersion,
    status: after.status,
    changes: describeChanges(diffStates(before, after), before, after),
    stillAllowed: allowedCommands(after).some((allowed) => allowed === command),
  };
}
