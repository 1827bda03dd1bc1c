const PLAIN_ASCII = /^[ !#-[\]-~]*$/;

function quote(text: string): string | null {
  if (PLAIN_ASCII.test(text)) return `"${text}"`;
  if (text.includes('\u0000') || !text.isWellFormed()) return null;
  return JSON.stringify(text);
}

/**
 * RFC 8785 (JCS) text of a JSON value, in the single walk that also checks what jsonb would
 * refuse: NUL characters, lone surrogates, non-finite numbers, nesting deeper than 64. Returns
 * null for such a value, so that the caller can report it precisely (json.ts). The append path
 * hashes and sends this text, so each event's data is walked once. Keys sort by UTF-16 code
 * units (Array.prototype.sort's order); numbers print as ECMAScript does, as JCS prescribes.
 */
export function canonicalJson(value: unknown, depth = 1): string | null {
  if (depth > 64) return null;
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : null;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item = value[i] === undefined ? 'null' : canonicalJson(value[i], depth + 1);
          if (item === null) return null;
          out += (i ? ',' : '') + item;
        }
        return out + ']';
      }
      const record = value as Record<string, unknown>;
      let out = '{';
      for (const key of Object.keys(record).sort()) {
        if (record[key] === undefined) continue;
        const k = quote(key);
        const v = canonicalJson(record[key], depth + 1);
        if (k === null || v === null) return null;
        out += (out.length > 1 ? ',' : '') + k + ':' + v;
      }
      return out + '}';
    }
    default:
      return null;
  }
}
