'use server';

import { redirect } from 'next/navigation';
import { getChronicle } from '@/lib/runtime';
import { applyCookies } from './_session/cookies';
import { consoleAction, SESSION_ENDED } from './_session/console-action';

/** Ends the session in the database, so its cookie is worthless even if kept, and clears it. */
export async function signOut(): Promise<void> {
  const result = await consoleAction(
    { action: 'SignOut', role: 'auditor' },
    async ({ actor, headers, audit }) => {
      audit.target(`user:${actor.id}`);
      const { accounts } = await getChronicle();
      await applyCookies(await accounts.signOut(headers));
    },
  );
  // A forged request (another site's) signs no one out and goes nowhere.
  if (result.ok || result.error === SESSION_ENDED) redirect('/sign-in');
}
