import { Database } from 'lucide-react';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Card } from '@/components/ui/card';
import { localPath } from '@/lib/console/local-path';
import type { RawSearchParams } from '@/lib/console/search-params';
import { currentActor } from '../_session/session';
import { signIn } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const next = localPath((await searchParams).next);
  // Someone already signed in has nothing to do here.
  if (await currentActor()) redirect(next ?? '/');
  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-6 bg-zinc-100 px-4">
      <div className="flex items-center gap-2 text-zinc-900">
        <Database className="size-6 text-emerald-500" aria-hidden />
        <span className="text-xl font-semibold tracking-tight">Chronicle</span>
      </div>
      <Card className="w-full max-w-sm p-6">
        <h1 className="text-lg font-semibold text-zinc-900">Sign in</h1>
        <p className="mt-1 mb-5 text-sm text-zinc-500">
          With the e-mail address and password an admin gave you.
        </p>
        <SignInForm signIn={signIn} next={next} />
      </Card>
      <p className="max-w-sm text-center text-xs text-zinc-600">
        Forgot your password, or no account yet? Ask an admin of this Chronicle.
      </p>
    </div>
  );
}
