import { readdirSync, readFileSync } from 'node:fs';

/** Linux counts process CPU time in USER_HZ ticks, 100 a second on every architecture. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user and system) that process `pid` has used, or null where /proc is not. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * CPU seconds used by the PostgreSQL server processes on this machine (backends, WAL writer,
 * checkpointer, autovacuum), or null when none is seen (the database is elsewhere) or there is
 * no /proc.
 */
export function postgresCpuSeconds(): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null; // not Linux
  }
  let total: number | null = null;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let comm: string;
    try {
      comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue; // the process ended meanwhile
    }
    if (comm !== 'postgres') continue;
    const seconds = processCpuSeconds(Number(entry));
    if (seconds !== null) total = (total ?? 0) + seconds;
  }
  return total;
}
