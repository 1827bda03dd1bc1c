import { ChevronRight } from 'lucide-react';
import { cn } from './cn';

/** The chevron that opens and closes a table row's details. */
export function DisclosureButton({
  open,
  onToggle,
  label,
}: {
  open: boolean;
  onToggle: () => void;
  label: string;
}) {
  return (
    <button
      type="button"
      onClick={onToggle}
      aria-expanded={open}
      aria-label={label}
      className="flex size-6 items-center justify-center rounded text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900"
    >
      <ChevronRight
        className={cn('size-4 transition-transform', open && 'rotate-90')}
        aria-hidden
      />
    </button>
  );
}
