import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSigningKeyPem } from './signing-key';

/**
 * The signing key of a local installation: made on first use in the data directory, readable by
 * its owner only. A deployment on its own database server passes CHRONICLE_SIGNING_KEY instead.
 */
export function localSigningKeyPem(dataDir: string): string {
  const file = path.join(dataDir, 'signing-key.pem');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  mkdirSync(dataDir, { recursive: true });
  const pem = generateSigningKeyPem();
  writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  return pem;
}
