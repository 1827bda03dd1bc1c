/**
 * Whether a request was sent by a page of this site: its Origin names this host (or the
 * configured public URL). Browsers send Origin on every cross-site request and on same-site
 * non-GET ones, so a missing Origin on a state-changing request is refused too.
 */
export function isSameOrigin(headers: Headers, publicUrl: string | undefined): boolean {
  const origin = headers.get('origin');
  if (!origin || origin === 'null') return false;
  try {
    if (publicUrl) return new URL(origin).origin === new URL(publicUrl).origin;
    return new URL(origin).host === headers.get('host');
  } catch {
    return false;
  }
}

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
