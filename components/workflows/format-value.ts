const MAX_TEXT = 80;

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/** A value in one short line: a step as its title and status, anything else as text or JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return clip(value);
  if (value && typeof value === 'object' && 'title' in value && 'status' in value) {
    return `“${String(value.title)}” (${String(value.status)})`;
  }
  return clip(JSON.stringify(value));
}

/** A step's output in one line: text as it is, an object as `key: value · key: value`. */
export function formatOutput(output: string | Record<string, unknown>): string {
  if (typeof output === 'string') return output;
  return Object.entries(output)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}
