/** Text as the domain takes it: NFC, trimmed, and null when nothing is left. */
export function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.normalize('NFC').trim();
  return text === '' ? null : text;
}

/** A status as the legacy app meant it, whatever its case and spacing (` Completed `). */
export function cleanStatus(value: string | null | undefined): string | null {
  return cleanText(value)?.toLowerCase().replace(/\s+/g, '_') ?? null;
}

export const isoOf = (at: Date) => at.toISOString();
