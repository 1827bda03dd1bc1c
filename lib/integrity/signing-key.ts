import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/** The key that signs digests and evidence files, and what others need to check its signatures. */
export type SigningKey = {
  /** The raw 32-byte Ed25519 public key, base64url (a JWK's `x`). */
  publicKey: string;
  /** The first 16 hex digits of SHA-256 over the raw public key: a short name to compare. */
  keyId: string;
  sign: (message: string) => string;
};

/**
 * A PKCS #8 Ed25519 private key, as PEM text or as the base64 of its DER bytes (one line, easier
 * in an environment variable).
 */
export function loadSigningKey(text: string): SigningKey {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPrivateKey(trimmed)
      : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error('CHRONICLE_SIGNING_KEY is not a PKCS #8 private key (PEM or base64 DER)');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`CHRONICLE_SIGNING_KEY must be an Ed25519 key, not ${key.asymmetricKeyType}`);
  }
  const { x } = createPublicKey(key).export({ format: 'jwk' });
  const publicKey = x!;
  return {
    publicKey,
    keyId: keyIdOf(publicKey),
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), key).toString('base64'),
  };
}

export const keyIdOf = (publicKey: string) =>
  createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16);

/** A new key as PEM text, for the demo's data directory and for tests. */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync('ed25519')
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
}

/** Whether `signature` (base64) is the key's signature of `message`. */
export function verifySignature(publicKey: string, message: string, signature: string): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64'));
}
