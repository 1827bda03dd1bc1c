import type { Metadata } from 'next';
import { ActionButton } from '@/components/integrity/action-button';
import { DigestSummary, PublicKey } from '@/components/integrity/digest-summary';
import { DigestTable } from '@/components/integrity/digest-table';
import { EvidenceForm } from '@/components/integrity/evidence-form';
import { VerificationPanel } from '@/components/integrity/verification-panel';
import { ListFooter } from '@/components/list-footer';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { RECENT_VERIFICATIONS } from '@/components/integrity/recent-checks';
import { listDigestsQuery } from '@/lib/api/integrity-schemas';
import { hrefWith, parseSearchParams, type RawSearchParams } from '@/lib/console/search-params';
import { getChronicle } from '@/lib/runtime';
import { requireActor } from '../_session/session';
import { cancelVerification, takeDigest, verifyAllStreams } from './actions';

export const metadata: Metadata = { title: 'Integrity' };

const DIGESTS_PER_PAGE = 10;

export default async function IntegrityPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requireActor();
  const parsed = parseSearchParams(listDigestsQuery, await searchParams);
  const cursor = parsed.ok ? parsed.data.cursor : undefined;
  const { integrity } = await getChronicle();
  const [page, runs] = await Promise.all([
    integrity.listDigests({ actor, cursor, limit: DIGESTS_PER_PAGE }),
    integrity.verifications.list({ actor, limit: RECENT_VERIFICATIONS }),
  ]);
  const latest = cursor === undefined ? page.digests[0] : undefined;
  return (
    <>
      <PageHeader
        title="Integrity"
        description="Can this record be trusted? Every stream is a hash chain; a digest signs one Merkle root over every chain's head; an evidence file carries events, the signed digest and proofs, to check offline with bin/chronicle-verify.mjs."
      />
      <div className="flex flex-col gap-5">
        {!integrity.publicKey && (
          <Notice title="No signing key is configured">
            <p>
              Set CHRONICLE_SIGNING_KEY to an Ed25519 private key (PKCS #8, PEM or base64) to sign
              digests and evidence files. Chain checks work without it.
            </p>
          </Notice>
        )}
        <Card>
          <CardHeader>
            <div className="flex flex-col gap-1">
              <CardTitle>Latest digest</CardTitle>
              {integrity.publicKey && <PublicKey {...integrity.publicKey} />}
            </div>
            {integrity.publicKey && (
              <ActionButton action={takeDigest}>Take a digest now</ActionButton>
            )}
          </CardHeader>
          {latest ? (
            <DigestSummary digest={latest} />
          ) : (
            <p className="px-4 py-6 text-sm text-zinc-500">
              {cursor === undefined
                ? 'No digest has been taken yet. The worker takes one on its schedule; take one now to start.'
                : 'Older digests are listed below.'}
            </p>
          )}
        </Card>
        <Card>
          <VerificationPanel
            initial={runs.runs}
            verifyAll={verifyAllStreams}
            cancel={cancelVerification}
          />
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Export evidence</CardTitle>
              <p className="text-xs text-zinc-500">
                An NDJSON file to take away: check it with{' '}
                <code className="font-mono">npx chronicle-verify FILE --public-key KEY</code>, no
                database needed (docs/integrity.md)
              </p>
            </div>
          </CardHeader>
          <EvidenceForm />
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Digest history</CardTitle>
          </CardHeader>
          {!parsed.ok ? (
            <div className="p-4">
              <Notice title="This address is not valid">
                <p>{parsed.error}</p>
              </Notice>
            </div>
          ) : page.digests.length === 0 ? (
            <p className="px-4 py-6 text-sm text-zinc-500">
              No digests{cursor ? ' on this page' : ''}.
            </p>
          ) : (
            <>
              <DigestTable digests={page.digests} />
              <ListFooter
                summary={`${page.digests.length} digests, newest first`}
                firstHref={cursor === undefined ? undefined : '/integrity'}
                previousHref={
                  page.previousCursor
                    ? hrefWith('/integrity', { cursor: page.previousCursor })
                    : undefined
                }
                nextHref={
                  page.nextCursor ? hrefWith('/integrity', { cursor: page.nextCursor }) : undefined
                }
              />
            </>
          )}
        </Card>
      </div>
    </>
  );
}
