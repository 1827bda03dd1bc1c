import { CopyButton } from './copy-button';
import { cn } from './ui/cn';

/** A hash cut to its first characters; the full value is in the tooltip and the copy button. */
export function HashText({
  value,
  length = 12,
  copy = true,
  className,
}: {
  value: string;
  length?: number;
  copy?: boolean;
  className?: string;
}) {
  const short = value.length > length ? `${value.slice(0, length)}…` : value;
  return (
    <span className={cn('inline-flex items-center gap-1', className)}>
      <span title={value} className="font-mono text-xs text-zinc-600">
        {short}
      </span>
      {copy && <CopyButton value={value} title="Copy full hash" />}
    </span>
  );
}
