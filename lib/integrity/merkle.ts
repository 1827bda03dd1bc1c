import { sha256 } from '../event-store/hash';

/** A stream's chain head as a digest covers it: a leaf of the Merkle tree. */
export type StreamHead = { streamId: string; version: number; hash: string };

/** One step from a leaf to the root: the sibling's hash and the side it sits on. */
export type ProofStep = { side: 'left' | 'right'; hash: string };

/** docs/integrity.md, "Digests": the exact texts hashed, so that anyone can recompute them. */
export const leafHash = ({ streamId, version, hash }: StreamHead) =>
  sha256(`chronicle-leaf\n${streamId}\n${version}\n${hash}`);

export const nodeHash = (left: string, right: string) =>
  sha256(`chronicle-node\n${left}\n${right}`);

export const EMPTY_ROOT = sha256('chronicle-empty');

/** Leaves in stream id order, compared by UTF-16 code unit (stream ids are ASCII: byte order). */
export const byStreamId = (a: StreamHead, b: StreamHead) =>
  a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0;

/** Every level of the tree, leaves first; a last node without a sibling is carried up as is. */
function levels(leaves: readonly string[]): string[][] {
  const all = [leaves.slice()];
  while (all.at(-1)!.length > 1) {
    const level = all.at(-1)!;
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    }
    all.push(next);
  }
  return all;
}

/** A tree over heads already in stream id order, with the root and each leaf's proof. */
export function merkleTree(heads: readonly StreamHead[]) {
  const tree = heads.length === 0 ? [] : levels(heads.map(leafHash));
  return {
    root: tree.at(-1)?.[0] ?? EMPTY_ROOT,
    proof(index: number): ProofStep[] {
      const steps: ProofStep[] = [];
      for (let depth = 0; depth < tree.length - 1; depth++) {
        const level = tree[depth]!;
        const sibling = index % 2 === 0 ? index + 1 : index - 1;
        if (sibling < level.length) {
          steps.push({ side: index % 2 === 0 ? 'right' : 'left', hash: level[sibling]! });
        }
        index = Math.floor(index / 2);
      }
      return steps;
    },
  };
}

/** The root a leaf and its proof lead to. */
export const rootFromProof = (leaf: string, steps: readonly ProofStep[]) =>
  steps.reduce(
    (hash, step) => (step.side === 'left' ? nodeHash(step.hash, hash) : nodeHash(hash, step.hash)),
    leaf,
  );
