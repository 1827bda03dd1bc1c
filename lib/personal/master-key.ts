import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { ChronicleError } from '../errors';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The key that wraps every subject's key (AES-256-GCM, the subject id as associated data) and
 * keys the pseudonyms of subjects named by a personal value. It never reaches the database: a
 * fingerprint (`id`) is stored beside each wrapped key instead.
 */
export type MasterKey = {
  /** The first 16 hex digits of a key derived for this purpose alone: a name, not the key. */
  id: string;
  wrap: (subjectId: string, key: Buffer) => Buffer;
  unwrap: (subjectId: string, wrapped: Buffer) => Buffer;
  /**
   * The subject id of someone named by a personal value (an e-mail address): `kind:` and an
   * HMAC of the value, so that neither the chain nor an index holds the value or a plain hash
   * of it, which could be guessed from a list of addresses.
   */
  pseudonym: (kind: string, value: string) => string;
};

const derive = (master: Buffer, purpose: string) =>
  Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `chronicle ${purpose}`, KEY_BYTES));

/** 32 random bytes, base64 (one line, for CHRONICLE_MASTER_KEY or the data directory). */
export const generateMasterKeyText = () => randomBytes(KEY_BYTES).toString('base64');

export function loadMasterKey(text: string): MasterKey {
  const master = Buffer.from(text.trim(), 'base64');
  if (master.length !== KEY_BYTES || master.toString('base64') !== text.trim()) {
    throw new Error('CHRONICLE_MASTER_KEY must be 32 random bytes in base64 (44 characters)');
  }
  const wrapping = derive(master, 'subject key wrapping');
  const naming = derive(master, 'subject pseudonyms');
  return {
    id: derive(master, 'master key id').toString('hex').slice(0, 16),
    wrap(subjectId, key) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', wrapping, iv).setAAD(Buffer.from(subjectId));
      const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    unwrap(subjectId, wrapped) {
      const decipher = createDecipheriv('aes-256-gcm', wrapping, wrapped.subarray(0, IV_BYTES))
        .setAAD(Buffer.from(subjectId))
        .setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]);
      } catch {
        throw new Error(
          `The key of subject ${subjectId} does not open with this CHRONICLE_MASTER_KEY (another master key wrapped it)`,
        );
      }
    },
    pseudonym: (kind, value) =>
      `${kind}:${createHmac('sha256', naming).update(value.trim().toLowerCase()).digest('base64url').slice(0, 32)}`,
  };
}

export const noMasterKey = () =>
  new ChronicleError(
    'unavailable',
    'No CHRONICLE_MASTER_KEY is configured: personal data can be neither stored nor read',
  );
