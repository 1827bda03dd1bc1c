import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { QueryProvider } from '@/components/query-provider';
import { ConsoleFrame } from '@/components/shell/console-frame';
import { Sidebar } from '@/components/shell/sidebar';
import { currentActor } from './_session/session';
import { signOut } from './actions';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Chronicle', template: '%s · Chronicle' },
  description: 'Browse and verify the event streams stored in Chronicle.',
};

/** The console's shell (menu, who is signed in) only for a signed-in person; the sign-in page stands alone. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  return (
    <html lang="en">
      <body className="bg-zinc-50 font-sans text-zinc-900 antialiased">
        <QueryProvider>
          {actor ? (
            <ConsoleFrame sidebar={<Sidebar actor={actor} signOut={signOut} />}>
              {children}
            </ConsoleFrame>
          ) : (
            <main className="min-h-screen">{children}</main>
          )}
        </QueryProvider>
      </body>
    </html>
  );
}
