'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FINAL_REPLAY_STATUSES, type ReplayView } from '@/lib/projections/views';
import { queryKeys } from './query-keys';

const POLL_MS = 1000;

/** `stream`: Server-Sent Events; `polling`: the stream failed, so the replay is read each second. */
export type ProgressSource = 'stream' | 'polling' | 'done';

const isFinal = (view: ReplayView) => FINAL_REPLAY_STATUSES.includes(view.status);

async function fetchReplay(replayId: string): Promise<ReplayView> {
  const response = await fetch(`/api/v1/replays/${replayId}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`the replay could not be read (${response.status})`);
  return (await response.json()) as ReplayView;
}

/**
 * A replay as it changes: from its progress stream, or, should that fail, by polling the
 * replay itself. Stops listening once the replay has ended.
 */
export function useReplayProgress(initial: ReplayView) {
  const [streamed, setStreamed] = useState(initial);
  const [failed, setFailed] = useState(false);
  const { replayId } = initial;
  const startedFinal = isFinal(initial);

  useEffect(() => {
    if (startedFinal) return;
    const source = new EventSource(`/api/v1/replays/${replayId}/progress`);
    source.addEventListener('progress', (event) => {
      const view = JSON.parse((event as MessageEvent<string>).data) as ReplayView;
      setStreamed(view);
      if (isFinal(view)) source.close();
    });
    source.addEventListener('error', () => {
      source.close();
      setFailed(true);
    });
    return () => source.close();
  }, [replayId, startedFinal]);

  const polled = useQuery({
    queryKey: queryKeys.replay(replayId),
    queryFn: () => fetchReplay(replayId),
    enabled: failed,
    refetchInterval: (query) => (query.state.data && isFinal(query.state.data) ? false : POLL_MS),
  });

  const replay = failed && polled.data ? polled.data : streamed;
  const source: ProgressSource = isFinal(replay) ? 'done' : failed ? 'polling' : 'stream';
  return { replay, source, pollError: failed ? polled.error : null };
}
