import { ChevronLeft, ChevronRight, ChevronsLeft } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClasses } from './ui/button';

/**
 * Under a list: what is shown, and keyset paging. A page is reached through the cursor of a
 * neighbour, so there is a way forward, a way back one page and a way back to the start, not
 * page numbers.
 */
export function ListFooter({
  summary,
  firstHref,
  previousHref,
  nextHref,
}: {
  summary: ReactNode;
  firstHref?: string;
  previousHref?: string;
  nextHref?: string;
}) {
  return (
    <div className="flex items-center justify-between gap-4 border-t border-zinc-200 px-4 py-2.5 text-xs text-zinc-500">
      <span>{summary}</span>
      <nav aria-label="Pages" className="flex items-center gap-2">
        {firstHref && (
          <Link href={firstHref} className={buttonClasses({ size: 'sm' })}>
            <ChevronsLeft className="size-3.5" aria-hidden />
            First
          </Link>
        )}
        {previousHref && (
          <Link href={previousHref} className={buttonClasses({ size: 'sm' })}>
            <ChevronLeft className="size-3.5" aria-hidden />
            Previous
          </Link>
        )}
        {nextHref && (
          <Link href={nextHref} className={buttonClasses({ size: 'sm' })}>
            Next
            <ChevronRight className="size-3.5" aria-hidden />
          </Link>
        )}
      </nav>
    </div>
  );
}
