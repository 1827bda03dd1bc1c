import { ShieldX } from 'lucide-react';
import Link from 'next/link';
import type { Actor, Role } from '@/lib/actor';
import { Card } from './ui/card';

/** What a page shows someone whose role is too low for it, instead of its content. */
export function NotAllowed({ actor, role }: { actor: Actor; role: Role }) {
  return (
    <Card className="mx-auto mt-8 max-w-xl">
      <div role="alert" className="flex flex-col items-center gap-2 px-6 py-12 text-center">
        <ShieldX className="size-8 text-zinc-300" aria-hidden />
        <h1 className="text-base font-semibold text-zinc-900">Not allowed</h1>
        <p className="max-w-md text-sm text-zinc-600">
          This page needs the <strong>{role}</strong> role; you ({actor.name ?? actor.id}) have the{' '}
          <strong>{actor.role}</strong> role. An admin can change it on the Users page.
        </p>
        <Link href="/" className="text-sm underline">
          Go to the dashboard
        </Link>
      </div>
    </Card>
  );
}
