import { Lock, LockOpen } from 'lucide-react';
import type { Result } from '@/lib/console/result';
import { ActionButton } from '../integrity/action-button';
import { Badge } from '../ui/badge';

/** Whether the stream is under legal hold; an admin places or lifts it here. */
export function HoldToggle({
  held,
  toggle,
}: {
  held: boolean;
  toggle?: () => Promise<Result<{ streamId: string; hold: boolean }>>;
}) {
  return (
    <span className="inline-flex items-center gap-2">
      {held && (
        <Badge tone="amber" title="Retention neither hides nor removes this stream's events">
          <Lock className="size-3.5" aria-hidden />
          Legal hold
        </Badge>
      )}
      {toggle && (
        <ActionButton action={toggle}>
          {held ? (
            <>
              <LockOpen className="size-4" aria-hidden /> Lift hold
            </>
          ) : (
            <>
              <Lock className="size-4" aria-hidden /> Place legal hold
            </>
          )}
        </ActionButton>
      )}
    </span>
  );
}
