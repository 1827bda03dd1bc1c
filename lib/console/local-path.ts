/**
 * `value` when it is a path on this site (`/workflows?status=running`), else null: a link that
 * sends the user on after sign-in must never lead to another site (`//evil.example`,
 * `/\evil.example`, `https://…`).
 */
export function localPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  // Control characters (a tab or newline inside `//`) are dropped by URL parsers.
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  try {
    const url = new URL(value, 'http://chronicle.invalid');
    return url.origin === 'http://chronicle.invalid'
      ? `${url.pathname}${url.search}${url.hash}`
      : null;
  } catch {
    return null;
  }
}
