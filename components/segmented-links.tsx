import Link from 'next/link';
import { cn } from './ui/cn';

export type SegmentOption = { label: string; href: string; active: boolean };

/** A row of links of which one is the current choice (page size, read direction). */
export function SegmentedLinks({ label, options }: { label: string; options: SegmentOption[] }) {
  return (
    <div role="group" aria-label={label} className="inline-flex items-center gap-2 text-xs">
      <span className="text-zinc-500">{label}</span>
      <span className="inline-flex rounded-md border border-zinc-300 bg-white p-0.5">
        {options.map((option) => (
          <Link
            key={option.label}
            href={option.href}
            aria-current={option.active ? 'true' : undefined}
            className={cn(
              'rounded px-2 py-0.5 font-medium text-zinc-600 hover:text-zinc-900',
              option.active && 'bg-zinc-900 text-white hover:text-white',
            )}
          >
            {option.label}
          </Link>
        ))}
      </span>
    </div>
  );
}
