import { cn } from './cn';

/** Buttons of which one is pressed: a choice that changes what a client component shows. */
export function ToggleGroup({
  label,
  options,
}: {
  label: string;
  options: { label: string; active: boolean; onSelect: () => void }[];
}) {
  return (
    <div
      role="group"
      aria-label={label}
      className="flex w-fit rounded-md border border-zinc-300 p-0.5"
    >
      {options.map((option) => (
        <button
          key={option.label}
          type="button"
          aria-pressed={option.active}
          onClick={option.onSelect}
          className={cn(
            'rounded px-2 py-0.5 text-xs font-medium text-zinc-700 hover:text-zinc-900',
            option.active && 'bg-zinc-900 text-white hover:text-white',
          )}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
