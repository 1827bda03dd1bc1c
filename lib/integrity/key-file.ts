import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateMasterKeyText } from '../personal/master-key';
import { generateSigningKeyPem } from './signing-key';

/**
 * A secret of a local installation: made on first use in the data directory, readable by its
 * owner only. A deployment on its own database server passes the secret in its variable instead.
 */
function localSecret(dataDir: string, fileName: string, generate: () => string): string {
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  mkdirSync(dataDir, { recursive: true });
  const secret = generate();
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** The key that signs digests and evidence (else CHRONICLE_SIGNING_KEY). */
export const localSigningKeyPem = (dataDir: string) =>
  localSecret(dataDir, 'signing-key.pem', generateSigningKeyPem);

/** The key that wraps the data subjects' keys (else CHRONICLE_MASTER_KEY). */
export const localMasterKey = (dataDir: string) =>
  localSecret(dataDir, 'master-key', generateMasterKeyText).trim();
