import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { TableHeaderCell } from './ui/table';

/** A column header that links to the list sorted by its column; `order` is the current order. */
export function SortHeader({
  label,
  href,
  order,
  className,
}: {
  label: ReactNode;
  href: string;
  order: 'asc' | 'desc' | null;
  className?: string;
}) {
  const Icon = order === 'asc' ? ArrowUp : order === 'desc' ? ArrowDown : ArrowUpDown;
  const sorted = order === 'asc' ? 'ascending' : order === 'desc' ? 'descending' : undefined;
  return (
    <TableHeaderCell aria-sort={sorted} className={className}>
      <Link href={href} className="inline-flex items-center gap-1 hover:text-zinc-900">
        {label}
        <Icon className="size-3" aria-hidden />
      </Link>
    </TableHeaderCell>
  );
}
