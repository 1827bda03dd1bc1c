import type { Digest } from '@/lib/integrity/digest';
import { CopyButton } from '../copy-button';
import { HashText } from '../hash-text';
import { Timestamp } from '../timestamp';

const Row = ({ term, children }: { term: string; children: React.ReactNode }) => (
  <div className="flex min-w-0 flex-col gap-0.5">
    <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{term}</dt>
    <dd className="min-w-0 text-sm text-zinc-800">{children}</dd>
  </div>
);

/** The newest signed digest: what it covers, its root and who signed it. */
export function DigestSummary({ digest }: { digest: Digest }) {
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-3 p-4 md:grid-cols-4">
      <Row term="Taken">
        <Timestamp value={digest.createdAt} />
        <span className="block text-xs text-zinc-500">by {digest.createdBy}</span>
      </Row>
      <Row term="Covers">
        <span className="tabular-nums">
          {digest.events.toLocaleString('en-US')} events in {digest.streams.toLocaleString('en-US')}{' '}
          streams
        </span>
        <span className="block text-xs text-zinc-500">up to position {digest.position}</span>
      </Row>
      <Row term="Merkle root">
        <HashText value={digest.root} length={16} />
      </Row>
      <Row term="Signature (Ed25519)">
        <HashText value={digest.signature} length={16} />
        <span className="block text-xs text-zinc-500">key {digest.keyId}</span>
      </Row>
    </dl>
  );
}

/** The public key that checks every signature, to copy into the verifier's `--public-key`. */
export function PublicKey({ publicKey, keyId }: { publicKey: string; keyId: string }) {
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs text-zinc-600">
      Public key <span className="font-mono text-zinc-800">{publicKey}</span>
      <CopyButton value={publicKey} title="Copy the public key" />
      <span className="text-zinc-500">(id {keyId})</span>
    </p>
  );
}
