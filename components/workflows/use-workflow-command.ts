'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { CommandInput, CommandResult, RunCommand } from './command-result';

export type Refusal = Extract<CommandResult, { ok: false }> & {
  command: CommandInput;
  /** The page's version when it was refused: once the page shows a newer one, it is moot. */
  shownVersion: number;
};

/**
 * Sends workflow commands at the version the page was rendered with, and keeps the last
 * refusal so it can be shown where the user acted, and the command resent at the newer version.
 */
export function useWorkflowCommand(run: RunCommand, version: number) {
  const router = useRouter();
  const [last, setRefusal] = useState<Refusal | null>(null);
  const refusal = last?.shownVersion === version ? last : null;
  const [pending, startTransition] = useTransition();

  const send = (command: CommandInput, onDone?: () => void, expectedVersion = version) =>
    startTransition(async () => {
      const result = await run(expectedVersion, command);
      if (result.ok) {
        setRefusal(null);
        onDone?.();
      } else {
        setRefusal({ ...result, command, shownVersion: version });
      }
    });

  return {
    send,
    pending,
    refusal,
    /** Resends the refused command at the version someone else's change left the workflow at. */
    applyToLatest: (onDone?: () => void) => {
      if (refusal?.conflict) send(refusal.command, onDone, refusal.conflict.currentVersion);
    },
    reload: () => {
      setRefusal(null);
      router.refresh();
    },
    dismiss: () => setRefusal(null),
  };
}

export type WorkflowCommand = ReturnType<typeof useWorkflowCommand>;
