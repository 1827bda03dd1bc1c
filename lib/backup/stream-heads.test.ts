import { describe, expect, it } from 'vitest';
import { merkleTree, type StreamHead } from '../integrity/merkle';
import { MerkleRootBuilder } from './stream-heads';

describe('MerkleRootBuilder', () => {
  it('gives the root merkleTree gives, for every number of leaves from 0 to 70', () => {
    for (let n = 0; n <= 70; n++) {
      const heads: StreamHead[] = Array.from({ length: n }, (_, i) => ({
        streamId: `s-${String(i).padStart(3, '0')}`,
        version: i + 1,
        hash: String(i).padStart(64, 'a'),
      }));
      const builder = new MerkleRootBuilder();
      heads.forEach((head) => builder.add(head));
      expect(builder.count).toBe(n);
      expect(builder.root()).toBe(merkleTree(heads).root);
    }
  });
});
