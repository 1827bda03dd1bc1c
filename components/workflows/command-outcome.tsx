'use client';

import { RefreshCw, Send } from 'lucide-react';
import { Notice } from '../notice';
import { Button } from '../ui/button';
import type { Conflict } from './command-result';
import type { WorkflowCommand } from './use-workflow-command';

function ChangeList({ conflict }: { conflict: Conflict }) {
  if (conflict.changes.length === 0) {
    return <p>The workflow’s fields are the same; only its version moved on.</p>;
  }
  return (
    <ul aria-label="What changed" className="flex flex-col gap-0.5">
      {conflict.changes.map((line, index) => (
        <li key={index} className="flex flex-wrap items-baseline gap-x-2">
          <span className="font-medium">{line.label}</span>
          {line.change === 'changed' ? (
            <span>
              <span className="font-mono text-xs">{line.before}</span> →{' '}
              <span className="font-mono text-xs">{line.after}</span>
            </span>
          ) : (
            <span>
              {line.change}
              {(line.after ?? line.before) && (
                <span className="ml-1 font-mono text-xs">{line.after ?? line.before}</span>
              )}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Why the last command was refused, where the user sent it. A conflict lists what the other
 * change did and offers to send the same command again on top of it.
 */
export function CommandOutcome({
  command,
  onDone,
}: {
  command: WorkflowCommand;
  /** What a successful resend should do besides refreshing (close a form, clear a field). */
  onDone?: () => void;
}) {
  const { refusal, pending } = command;
  if (!refusal) return null;
  const { conflict } = refusal;
  if (!conflict) return <Notice title={refusal.error} />;
  return (
    <Notice title={`Someone else changed this workflow (now version ${conflict.currentVersion}).`}>
      <p className="text-xs">
        Changes since version {conflict.expectedVersion}, which this page shows:
      </p>
      <ChangeList conflict={conflict} />
      {!conflict.stillAllowed && (
        <p>This action is not allowed in a {conflict.status} workflow; reload to see what is.</p>
      )}
      <div className="mt-1 flex flex-wrap gap-2">
        {conflict.stillAllowed && (
          <Button
            size="sm"
            variant="primary"
            disabled={pending}
            onClick={() => command.applyToLatest(onDone)}
          >
            <Send className="size-3.5" aria-hidden />
            Apply to the latest version
          </Button>
        )}
        <Button size="sm" disabled={pending} onClick={command.reload}>
          <RefreshCw className="size-3.5" aria-hidden />
          Reload
        </Button>
      </div>
    </Notice>
  );
}
