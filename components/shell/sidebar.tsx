import { Database } from 'lucide-react';
import Link from 'next/link';
import type { Actor } from '@/lib/actor';
import { AppNav } from './app-nav';
import { HealthIndicator } from './health-indicator';
import { UserMenu } from './user-menu';

export function Sidebar({ actor, signOut }: { actor: Actor; signOut: () => Promise<void> }) {
  return (
    <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col bg-zinc-900">
      <Link href="/" className="flex items-center gap-2 px-4 py-4 text-white">
        <Database className="size-5 text-emerald-400" aria-hidden />
        <span className="text-base font-semibold tracking-tight">Chronicle</span>
      </Link>
      <AppNav actor={actor} />
      <div className="mt-auto flex flex-col gap-3 border-t border-zinc-800 px-4 py-3">
        <UserMenu actor={actor} signOut={signOut} />
        <HealthIndicator />
      </div>
    </aside>
  );
}
