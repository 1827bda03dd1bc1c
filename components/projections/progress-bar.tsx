import { cn } from '../ui/cn';

const fills = {
  blue: 'bg-sky-500',
  green: 'bg-emerald-500',
  red: 'bg-red-500',
  amber: 'bg-amber-400',
  neutral: 'bg-zinc-400',
} as const;

export type ProgressTone = keyof typeof fills;

/** A horizontal bar filled to `percent`, announced as a progress bar. */
export function ProgressBar({
  percent,
  label,
  tone,
}: {
  percent: number;
  label: string;
  tone: ProgressTone;
}) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%`}
      className="h-3 w-full overflow-hidden rounded-full bg-zinc-100 ring-1 ring-zinc-200 ring-inset"
    >
      <div
        className={cn('h-full rounded-full transition-[width] duration-300', fills[tone])}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
