/** How far a backup or restore has come: uncompressed bytes and rows so far. */
export type Progress = {
  phase: 'copy' | 'verify';
  /** The table being copied, or `events` while chains are verified. */
  section: string;
  rows: number;
  bytes: number;
};

export type OnProgress = (progress: Progress) => void;

/**
 * Calls `onProgress` at most every `intervalMs`, but always when a phase or table begins and for
 * the last report of one (`force`).
 */
export function throttled(onProgress: OnProgress | undefined, intervalMs = 250) {
  let last = 0;
  let stage = '';
  return (progress: Progress, force = false) => {
    if (!onProgress) return;
    const now = performance.now();
    const current = `${progress.phase} ${progress.section}`;
    if (!force && current === stage && now - last < intervalMs) return;
    last = now;
    stage = current;
    onProgress(progress);
  };
}

/** A progress line for a terminal: what, how much, and the rate since `startedAt`. */
export function progressLine(progress: Progress, startedAt: number): string {
  const seconds = Math.max((performance.now() - startedAt) / 1000, 0.001);
  const mb = progress.bytes / 1e6;
  const what = progress.phase === 'copy' ? progress.section : 'verifying chains';
  return `${what}: ${progress.rows.toLocaleString('en')} rows, ${mb.toFixed(1)} MB, ${(mb / seconds).toFixed(1)} MB/s`;
}
