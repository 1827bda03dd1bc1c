import type postgres from 'postgres';
import type { Actor } from '../actor';
import { asQueryable, type StoreContext } from '../event-store/context';
import { currentDigest, latestDigest, listDigests, takeDigest } from './digest';
import { evidenceLines, type EvidenceSelection } from './evidence';
import type { SigningKey } from './signing-key';
import { createVerifications } from './verification-runs';

/** Digests, evidence files and chain checks over one store, signed with one key (or none). */
export function createIntegrity({ ctx, key }: { ctx: StoreContext; key: SigningKey | null }) {
  const pool = ctx.db.$client;
  const sql = asQueryable(pool);
  return {
    /** The public half of the signing key, for the console to show; null without a key. */
    publicKey: key && { publicKey: key.publicKey, keyId: key.keyId },
    takeDigest: ({ actor }: { actor: Actor }) => takeDigest(pool, { actor, key }),
    /** The newest digest if nothing was committed since, otherwise a new one. */
    currentDigest: ({ actor }: { actor: Actor }) => currentDigest(pool, { actor, key }),
    latestDigest: ({ actor }: { actor: Actor }) => latestDigest(sql, { actor }),
    listDigests: (params: {
      actor: Actor;
      cursor?: string | undefined;
      limit?: number | undefined;
    }) => listDigests(sql, params),
    evidence: (params: {
      actor: Actor;
      selection: EvidenceSelection;
      readFrom?: () => Promise<postgres.Sql>;
    }) => evidenceLines(pool, { key, ...params }),
    verifications: createVerifications(ctx),
  };
}

export type Integrity = ReturnType<typeof createIntegrity>;
