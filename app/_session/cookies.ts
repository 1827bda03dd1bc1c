import 'server-only';
import { cookies } from 'next/headers';
import { parseSetCookie } from '@/lib/console/set-cookie';

/** Hands the browser the cookies the accounts library set or cleared (Set-Cookie values). */
export async function applyCookies(setCookies: string[]): Promise<void> {
  const jar = await cookies();
  for (const header of setCookies) {
    const cookie = parseSetCookie(header);
    if (cookie) jar.set(cookie);
  }
}
