import type { z } from 'zod';
import type { workflowCommandSchema } from '@/lib/domain/workflow/commands';
import type { WorkflowStatus } from '@/lib/domain/workflow/state';

/** A workflow command as the console sends it (before the server's defaults are applied). */
export type CommandInput = z.input<typeof workflowCommandSchema>;

/** One field that differs between two versions of a workflow, worded for people. */
export type ChangeLine = {
  label: string;
  change: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
};

/** Someone else changed the workflow after the page was rendered. */
export type Conflict = {
  expectedVersion: number;
  currentVersion: number;
  status: WorkflowStatus;
  changes: ChangeLine[];
  /** Whether the same command is allowed in the workflow's current status. */
  stillAllowed: boolean;
};

export type CommandResult =
  { ok: true; data: { version: number } } | { ok: false; error: string; conflict?: Conflict };

/** The command action bound to one workflow: the page passes it to its client components. */
export type RunCommand = (expectedVersion: number, command: CommandInput) => Promise<CommandResult>;
