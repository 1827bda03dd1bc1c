/**
 * JSON text as written: its nesting, and its numbers judged against the doubles JavaScript
 * reads them as. The hash chain
 * covers the shortest text of each double (RFC 8785), so a number is storable only when its
 * decimal value is exactly that double's; and a stored number is honest only when its text is
 * exactly what PostgreSQL prints for that double's shortest text (plain decimal, no exponent).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
// What may follow the first character of a number token: digits, '.', 'e', 'E', '+', '-'.
const isNumberPart = (c: number) =>
  isDigit(c) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === MINUS;
const isOpener = (c: number) => c === 0x5b || c === 0x7b;
const isCloser = (c: number) => c === 0x5d || c === 0x7d;

export type JsonTextVisitor = {
  /** The depth reached at each `[` or `{`. */
  depth?: (depth: number) => boolean;
  /** Each number token, as written. */
  number?: (token: string) => boolean;
};

/**
 * Walks JSON text without parsing it (so a 100,000-deep body never reaches a recursive parser),
 * skipping strings, and stops as soon as a visitor answers false; returns whether none did.
 * Text that is not JSON gives a meaningless answer here and fails in JSON.parse afterwards.
 */
export function scanJsonText(text: string, visitor: JsonTextVisitor): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
    } else if (isOpener(c)) {
      if (visitor.depth && !visitor.depth(++depth)) return false;
    } else if (isCloser(c)) {
      depth--;
    } else if (visitor.number && (isDigit(c) || c === MINUS)) {
      let end = i + 1;
      while (end < text.length && isNumberPart(text.charCodeAt(end))) end++;
      if (!visitor.number(text.slice(i, end))) return false;
      i = end - 1;
    }
  }
  return true;
}

/**
 * Where the string opened at `open` ends: its first quote after an even run of backslashes, or
 * the text's end. Most of a body's text is inside strings; indexOf crosses it natively.
 */
function closingQuote(text: string, open: number): number {
  for (
    let quote = text.indexOf('"', open + 1);
    quote !== -1;
    quote = text.indexOf('"', quote + 1)
  ) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return text.length;
}

type Decimal = { negative: boolean; digits: string; exponent: number };

/** A decimal number as significant digits × 10^exponent, without leading or trailing zeros. */
function decimal(text: string): Decimal | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?$/.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = '', power = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  let exponent = Number(power) - fraction.length;
  const trimmed = digits.replace(/0+$/, '');
  exponent += digits.length - trimmed.length;
  digits = trimmed;
  if (digits === '') return { negative: false, digits: '0', exponent: 0 };
  return { negative: sign === '-', digits, exponent };
}

const sameDecimal = (a: Decimal, b: Decimal) =>
  a.negative === b.negative && a.digits === b.digits && a.exponent === b.exponent;

const SHORT_INTEGER = /^-?\d+$/;

/**
 * Whether a number token means another value than the double JavaScript reads it as (out of
 * range, or more digits than a double holds). A token that is no number is left to the parser.
 */
export function losesPrecision(token: string): boolean {
  // The common case, decided without the decimal comparison: an integer of up to 15 digits
  // is a double exactly.
  if (token.length <= 15 && SHORT_INTEGER.test(token)) return false;
  const written = decimal(token);
  if (written === null) return false;
  const read = decimal(String(Number(token)));
  return read === null || !sameDecimal(written, read);
}

/** How PostgreSQL prints a jsonb number given as `text`: plain decimal, no exponent. */
export function plainDecimal(text: string): string | null {
  const d = decimal(text);
  if (!d) return null;
  const sign = d.negative ? '-' : '';
  if (d.exponent >= 0) return sign + d.digits + '0'.repeat(d.digits === '0' ? 0 : d.exponent);
  const point = d.digits.length + d.exponent;
  return point > 0
    ? `${sign}${d.digits.slice(0, point)}.${d.digits.slice(point)}`
    : `${sign}0.${'0'.repeat(-point)}${d.digits}`;
}

/** Whether a stored jsonb number is the one an append of the double it reads as would store. */
export function isStoredAsHashed(token: string): boolean {
  return plainDecimal(String(Number(token))) === token;
}
