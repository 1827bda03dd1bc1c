import { progressLine, type OnProgress } from '../lib/backup/progress';

/** Progress on stderr: one line rewritten in place at a terminal, a line per report otherwise. */
export function stderrProgress(): { onProgress: OnProgress; done: () => void } {
  const startedAt = performance.now();
  const tty = process.stderr.isTTY;
  let shown = false;
  return {
    onProgress: (progress) => {
      const line = progressLine(progress, startedAt);
      process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
      shown = true;
    },
    done: () => {
      if (tty && shown) process.stderr.write('\n');
    },
  };
}

export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export const perSecond = (amount: number, startedAt: number) =>
  amount / Math.max((performance.now() - startedAt) / 1000, 0.001);
