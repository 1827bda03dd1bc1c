'use client';

import { useRouter } from 'next/navigation';
import { cn } from '../ui/cn';

/**
 * The explorer's Live switch: a real switch (space and enter toggle it) whose state lives in the
 * URL, so a live view can be shared or reloaded.
 */
export function LiveSwitch({ on, href }: { on: boolean; href: string }) {
  const router = useRouter();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      onClick={() => router.push(href)}
      className="group inline-flex items-center gap-2 rounded-md px-1 py-0.5 text-xs font-medium text-zinc-700 focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:outline-none"
    >
      <span
        aria-hidden
        className={cn(
          'relative inline-flex h-4 w-7 shrink-0 items-center rounded-full border transition-colors',
          on ? 'border-emerald-700 bg-emerald-600' : 'border-zinc-400 bg-zinc-200',
        )}
      >
        <span
          className={cn(
            'inline-block size-3 rounded-full bg-white shadow transition-transform',
            on ? 'translate-x-3.5' : 'translate-x-0.5',
          )}
        />
      </span>
      Live
    </button>
  );
}
