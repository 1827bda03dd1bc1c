/** What one timed run produced. */
export type Run = { events: number; seconds: number; latenciesMs: number[] };

/** One operation of a workload; resolves to the number of events it wrote or read. */
export type Operation = () => Promise<number>;

/**
 * Calls `op` from `concurrency` loops until `seconds` have passed. Operations already started
 * at the deadline finish and count, and the elapsed time includes them.
 */
export async function drive(concurrency: number, seconds: number, op: Operation): Promise<Run> {
  const latenciesMs: number[] = [];
  let events = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  const loop = async () => {
    while (process.hrtime.bigint() < deadline) {
      const began = process.hrtime.bigint();
      const handled = await op();
      latenciesMs.push(Number(process.hrtime.bigint() - began) / 1e6);
      events += handled;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { events, seconds: Number(process.hrtime.bigint() - start) / 1e9, latenciesMs };
}

/** Nearest-rank percentile (p in 0–100) of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** The middle value, or the mean of the two middle ones: rounds are few, often even. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const upper = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const lower = sorted[Math.ceil(sorted.length / 2) - 1] ?? Number.NaN;
  return (lower + upper) / 2;
}

/**
 * Each round's ratio of two figures: the two ran back to back, so their ratio holds while the
 * machine's speed drifts from round to round, which a ratio of medians would not.
 */
export const pairedRatios = (mine: number[], theirs: number[]): number[] =>
  mine.map((value, index) => value / (theirs[index] ?? Number.NaN));

export const round = (value: number, digits: number): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;
