'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useHealth } from '@/hooks/use-health';

/**
 * The Dashboard is rendered on the server, so its log health card shows the state at page load.
 * The sidebar already polls /health; when that answer turns stalled (or recovers) and so no longer
 * agrees with the card, this re-renders the page, so the card names the transaction at once.
 */
export function LogHealthRefresh({ warning }: { warning: boolean }) {
  const router = useRouter();
  const { data } = useHealth();
  const stalled = data?.status === 'ok' ? data.database.horizonStalled : undefined;
  useEffect(() => {
    if (stalled !== undefined && stalled !== warning) router.refresh();
  }, [stalled, warning, router]);
  return null;
}
