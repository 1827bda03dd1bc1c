import { LogOut, UserRound } from 'lucide-react';
import Link from 'next/link';
import type { Actor } from '@/lib/actor';

/** Who is signed in, with what role, and the way out. */
export function UserMenu({ actor, signOut }: { actor: Actor; signOut: () => Promise<void> }) {
  return (
    <div className="flex flex-col gap-2" aria-label="Signed in" role="group">
      <Link
        href="/account"
        className="group flex items-center gap-2 rounded-md text-zinc-300 hover:text-white"
        title="Your account: change your password"
      >
        <UserRound
          className="size-4 shrink-0 text-zinc-500 group-hover:text-zinc-300"
          aria-hidden
        />
        <span className="flex min-w-0 flex-col">
          <span className="truncate text-xs font-medium" data-testid="signed-in-as">
            {actor.name ?? actor.id}
          </span>
          <span className="text-[11px] text-zinc-400">{actor.role}</span>
        </span>
      </Link>
      <form action={signOut}>
        <button
          type="submit"
          className="flex w-full items-center gap-2 rounded-md px-0 py-0.5 text-xs text-zinc-400 hover:text-white"
        >
          <LogOut className="size-3.5" aria-hidden />
          Sign out
        </button>
      </form>
    </div>
  );
}
