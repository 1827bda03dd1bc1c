import Link from 'next/link';
import { streamHref } from './stream-href';
import { cn } from './ui/cn';

/**
 * A stream id linked to its page, with what the read models call it (a workflow's title, an
 * agent's name) beside it when they know it.
 */
export function StreamName({
  streamId,
  label,
  wrap = false,
}: {
  streamId: string;
  label?: string;
  /** Break long ids over lines instead of cutting them short (where the id is the row's key). */
  wrap?: boolean;
}) {
  const fit = wrap ? 'break-all' : 'truncate';
  return (
    <span className="flex min-w-0 flex-col">
      <Link
        href={streamHref(streamId)}
        title={streamId}
        className={cn('font-mono text-xs text-zinc-900 hover:underline', fit)}
      >
        {streamId}
      </Link>
      {label && (
        <span className={cn('text-xs text-zinc-500', fit)} title={label}>
          {label}
        </span>
      )}
    </span>
  );
}
