'use client';

import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { useState, useTransition } from 'react';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import type { Result } from '@/lib/console/result';
import type { VerifyResult } from '@/lib/event-store/verify';
import { plural } from '../format';

function Verdict({ result }: { result: Result<VerifyResult> }) {
  if (!result.ok) return <Badge tone="red">{result.error}</Badge>;
  const { valid, checkedEvents, firstInvalidVersion, anchorVersion } = result.data;
  return valid ? (
    <Badge tone="green">
      <ShieldCheck className="size-3.5" aria-hidden />
      Chain valid: {checkedEvents} {plural(checkedEvents, 'event')}
      {anchorVersion > 0 && ` from the retention anchor at version ${anchorVersion}`}
    </Badge>
  ) : (
    <Badge tone="red">
      <ShieldAlert className="size-3.5" aria-hidden />
      Broken at version {firstInvalidVersion}
    </Badge>
  );
}

/** Runs `verify` (a server action bound to the stream) and shows its verdict beside the button. */
export function VerifyChain({ verify }: { verify: () => Promise<Result<VerifyResult>> }) {
  const [result, setResult] = useState<Result<VerifyResult> | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      setResult(await verify());
    });
  return (
    <div className="flex items-center gap-3" aria-live="polite">
      {result && !pending && <Verdict result={result} />}
      <Button onClick={run} disabled={pending}>
        <ShieldCheck className="size-4" aria-hidden />
        {pending ? 'Verifying…' : 'Verify chain'}
      </Button>
    </div>
  );
}
