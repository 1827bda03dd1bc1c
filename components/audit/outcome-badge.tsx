import type { AuditOutcome } from '@/lib/audit/audit-event';
import { Badge, type BadgeTone } from '../ui/badge';

const TONES: Record<AuditOutcome, BadgeTone> = {
  succeeded: 'green',
  failed: 'red',
  refused: 'amber',
};

const MEANING: Record<AuditOutcome, string> = {
  succeeded: 'Done',
  failed: 'Tried, and it did not happen',
  refused: 'The role did not allow it',
};

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  return (
    <Badge tone={TONES[outcome]} title={MEANING[outcome]}>
      {outcome}
    </Badge>
  );
}
