'use client';

import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** The sign-in page, which stands alone, without the console's menu. */
export const SIGN_IN_PATH = '/sign-in';

/**
 * The console's frame: the menu beside the page. The root layout is not rendered again on
 * navigation within the app, so when a session ends and a page sends its user to the sign-in
 * page, the layout is still the signed-in one: the frame steps aside there.
 */
export function ConsoleFrame({ sidebar, children }: { sidebar: ReactNode; children: ReactNode }) {
  if (usePathname() === SIGN_IN_PATH) return <main className="min-h-screen">{children}</main>;
  return (
    <div className="flex min-h-screen">
      {sidebar}
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
