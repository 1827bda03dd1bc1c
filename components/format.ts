/** Figures (counts, money, durations, sizes) formatted the same way on every page. */

export const count = (value: number) => value.toLocaleString('en-US');

export const usd = (value: number) =>
  value.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });

/** `850 ms`, `42 s`, `7 min 5 s`, `2 h 14 min`: two units at most. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

/** Bytes in binary units: `512 B`, `3.4 KiB`, `12.0 MiB`. */
export function bytes(value: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${size} B` : `${size.toFixed(1)} ${units[unit]}`;
}

/** The noun for `n` of it: `event` for 1, `events` otherwise (the console's nouns all take an s). */
export const plural = (n: number, noun: string) => (n === 1 ? noun : `${noun}s`);
