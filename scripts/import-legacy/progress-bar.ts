import cliProgress from 'cli-progress';
import type { WriteProgress } from '../../lib/legacy/write-plan';

const STEP_PERCENT = 10;

const rateOf = (events: number, startedAt: number) =>
  Math.round(events / Math.max((performance.now() - startedAt) / 1000, 0.001));

/**
 * The import's progress on stderr: a bar with rate and ETA at a terminal; elsewhere (CI, a pipe,
 * a log file) one line per 10 %, so logs stay short.
 */
export function importProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  const startedAt = performance.now();
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          'Importing [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      onProgress: ({ events, totalEvents }: WriteProgress) => {
        if (!started) bar.start(totalEvents, 0, { rate: 0 });
        started = true;
        bar.update(events, { rate: rateOf(events, startedAt) });
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let shown = -1;
  return {
    onProgress: ({ events, totalEvents }: WriteProgress) => {
      const percent = totalEvents === 0 ? 100 : Math.floor((events / totalEvents) * 100);
      const step = Math.floor(percent / STEP_PERCENT);
      if (step <= shown) return;
      shown = step;
      const rate = rateOf(events, startedAt);
      const eta = rate > 0 ? Math.ceil((totalEvents - events) / rate) : 0;
      stream.write(
        `Importing: ${percent}% (${events}/${totalEvents} events, ${rate} events/s, ETA ${eta} s)\n`,
      );
    },
    stop: () => {},
  };
}
