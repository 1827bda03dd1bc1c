import { describe, expect, it } from 'vitest';
import { sha256 } from '../event-store/hash';
import {
  EMPTY_ROOT,
  leafHash,
  merkleTree,
  nodeHash,
  rootFromProof,
  type StreamHead,
} from './merkle';

const heads = (n: number): StreamHead[] =>
  Array.from({ length: n }, (_, i) => ({
    streamId: `s-${String(i).padStart(3, '0')}`,
    version: i + 1,
    hash: sha256(String(i)),
  }));

describe('Merkle tree over stream heads', () => {
  it('proves every leaf of trees of 1 to 33 leaves, odd levels included', () => {
    for (let n = 1; n <= 33; n++) {
      const leaves = heads(n);
      const tree = merkleTree(leaves);
      leaves.forEach((head, i) => {
        expect(rootFromProof(leafHash(head), tree.proof(i))).toBe(tree.root);
      });
    }
  });

  it('is the documented hashes: two leaves make one node, a third is carried up', () => {
    const [a, b, c] = heads(3).map(leafHash) as [string, string, string];
    expect(merkleTree(heads(1)).root).toBe(a);
    expect(merkleTree(heads(2)).root).toBe(nodeHash(a, b));
    expect(merkleTree(heads(3)).root).toBe(nodeHash(nodeHash(a, b), c));
    expect(leafHash({ streamId: 'x-1', version: 2, hash: 'ab' })).toBe(
      sha256('chronicle-leaf\nx-1\n2\nab'),
    );
    expect(merkleTree([]).root).toBe(EMPTY_ROOT);
  });

  it('a proof of one leaf does not prove another leaf or a changed head', () => {
    const leaves = heads(9);
    const tree = merkleTree(leaves);
    expect(rootFromProof(leafHash(leaves[4]!), tree.proof(3))).not.toBe(tree.root);
    expect(rootFromProof(leafHash({ ...leaves[4]!, version: 6 }), tree.proof(4))).not.toBe(
      tree.root,
    );
  });
});
