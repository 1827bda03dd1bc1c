import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** What a personal value is replaced by in stored data: this prefix and base64url bytes. */
export const SEALED_PREFIX = 'chronicle:sealed:v1:';

/** A subject's key, unwrapped: seals and opens the personal values of that subject's events. */
export type SubjectKey = {
  seal: (where: string, valueJson: string) => string;
  open: (where: string, sealed: string) => string;
};

/**
 * AES-256-GCM under a key of the subject, with a synthetic IV: an HMAC of where the value lives
 * (event id and JSON Pointer) and of the value. The same event sent again therefore seals to the
 * same text, so a retry still matches its stored content hash; two different values never share
 * an IV, which is what GCM needs.
 */
export function subjectKey(raw: Buffer): SubjectKey {
  const enc = Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), 'chronicle value seal', 32));
  const mac = Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), 'chronicle value iv', 32));
  return {
    seal(where, valueJson) {
      const iv = createHmac('sha256', mac)
        .update(where)
        .update('\u0000')
        .update(valueJson)
        .digest()
        .subarray(0, IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', enc, iv).setAAD(Buffer.from(where));
      const sealed = Buffer.concat([cipher.update(valueJson, 'utf8'), cipher.final()]);
      return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    },
    open(where, sealed) {
      const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', enc, bytes.subarray(0, IV_BYTES))
        .setAAD(Buffer.from(where))
        .setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(SEALED_PREFIX);
