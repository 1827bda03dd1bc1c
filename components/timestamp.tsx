import { cn } from './ui/cn';

/** The console's one timestamp format, always UTC with milliseconds: `2026-11-26 06:29:32.123 UTC`. */
export function formatTimestamp(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 23).replace('T', ' ')} UTC`;
}

export function Timestamp({ value, className }: { value: string | Date; className?: string }) {
  const iso = typeof value === 'string' ? value : value.toISOString();
  return (
    <time
      dateTime={iso}
      className={cn('font-mono text-xs whitespace-nowrap tabular-nums', className)}
    >
      {formatTimestamp(value)}
    </time>
  );
}
