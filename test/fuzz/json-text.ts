/**
 * JSON values with parts that JSON.stringify cannot write, so that a generated body can carry a
 * number token as sent (`1e400`, `-0`, `9223372036854775808`), a string over the body limit or a
 * nesting deeper than the parser allows, and still print small when a fuzz run reports it.
 */
export class RawToken {
  constructor(readonly text: string) {}
}

/** A string of `length` copies of `char`. */
export class LongString {
  constructor(
    readonly length: number,
    readonly char = 'x',
  ) {}
}

/** `depth` arrays, one inside the other. */
export class DeepArray {
  constructor(readonly depth: number) {}
}

export type FuzzJson =
  | null
  | boolean
  | number
  | string
  | RawToken
  | LongString
  | DeepArray
  | FuzzJson[]
  | { [key: string]: FuzzJson };

export function jsonText(value: FuzzJson): string {
  if (value instanceof RawToken) return value.text;
  if (value instanceof LongString) return JSON.stringify(value.char.repeat(value.length));
  if (value instanceof DeepArray) return '['.repeat(value.depth) + ']'.repeat(value.depth);
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`);
    return `{${members.join(',')}}`;
  }
  // undefined never occurs: generated objects leave absent members out.
  return JSON.stringify(value);
}
