import type { Digest } from '@/lib/integrity/digest';
import type { VerificationRun } from '@/lib/integrity/verification-runs';
import { MAX_EVIDENCE_STREAMS } from '@/lib/integrity/evidence';
import { cursor, instant, limit, queryParam, streamIdText, timestamp } from './fields';
import { z } from './zod';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const digestView = z
  .object({
    id: z.number().int(),
    position: z.number().int().openapi({ description: 'Covers every event at or below it' }),
    streams: z.number().int(),
    events: z.number().int().openapi({ description: 'The sum of the covered heads’ versions' }),
    root: hex64.openapi({ description: 'Merkle root over the stream heads (docs/integrity.md)' }),
    createdAt: timestamp,
    createdBy: z.string(),
    signature: z.string().openapi({ description: 'Ed25519 over the digest statement, base64' }),
    publicKey: z.string().openapi({ description: 'Raw Ed25519 public key, base64url' }),
    keyId: z.string(),
  })
  .openapi('Digest') satisfies z.ZodType<Digest>;

export const digestList = z.array(digestView).openapi('DigestList');

export const listDigestsQuery = z.object({
  cursor,
  limit: limit(100),
});

/** `streams=a,b` (also repeated), or `from` and `to`; not both. */
export const evidenceQuery = z
  .object({
    streams: queryParam(
      z
        .union([z.string(), z.array(z.string())])
        .transform((value) =>
          [value]
            .flat()
            .flatMap((item) => item.split(','))
            .filter(Boolean),
        )
        .pipe(z.array(streamIdText).min(1).max(MAX_EVIDENCE_STREAMS)),
      `Stream ids, comma-separated: their whole histories (at most ${MAX_EVIDENCE_STREAMS})`,
    ),
    from: queryParam(instant, 'Events recorded at or after this instant'),
    to: queryParam(instant, 'Events recorded before this instant'),
  })
  .superRefine((query, context) => {
    const byTime = query.from !== undefined || query.to !== undefined;
    if (query.streams && byTime) {
      context.addIssue({
        code: 'custom',
        path: ['streams'],
        message: 'give streams or from and to, not both',
      });
    } else if (!query.streams && (query.from === undefined || query.to === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['from'],
        message: 'give streams, or both from and to',
      });
    }
  });

export const verificationRunView = z
  .object({
    id: z.guid(),
    scope: z.enum(['stream', 'all']),
    streamId: z.string().nullable(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    checkedStreams: z.number().int(),
    totalStreams: z.number().int(),
    checkedEvents: z.number().int(),
    invalid: z.array(z.object({ streamId: z.string(), firstInvalidVersion: z.number().int() })),
    requestedBy: z.string(),
    error: z.string().nullable(),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
  })
  .openapi('Verification') satisfies z.ZodType<VerificationRun>;

export const verificationList = z
  .object({
    runs: z.array(verificationRunView),
    nextCursor: z.string().nullable(),
    previousCursor: z.string().nullable(),
  })
  .openapi('VerificationList');

export const listVerificationsQuery = z.object({
  streamId: queryParam(streamIdText, 'Only checks of this stream'),
  limit: limit(20),
  cursor,
});
