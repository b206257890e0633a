/** fast-check arbitraries shared by the crypto property tests. */
import { fc } from '@fast-check/vitest';
import { type Algorithm, blockSize } from '../../src/crypto/index.js';

export const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });

export const algorithm = fc.constantFrom<Algorithm>('3des', 'sm4');

/** A key the algorithm accepts: 3DES 16 bytes (card keys) or 8 (single DES); SM4 16. */
export function keyFor(alg: Algorithm): fc.Arbitrary<Uint8Array> {
  return alg === 'sm4' ? bytes(16, 16) : fc.oneof(bytes(16, 16), bytes(8, 8));
}

/** Whole blocks, 0 to `maxBlocks` of them. */
export function blocksFor(alg: Algorithm, maxBlocks = 6): fc.Arbitrary<Uint8Array> {
  return fc.integer({ min: 0, max: maxBlocks }).chain((n) => bytes(n * blockSize(alg), n * blockSize(alg)));
}

/** (alg, key) pairs. */
export const algAndKey = algorithm.chain((alg) => keyFor(alg).map((key) => ({ alg, key })));

/** A 16-byte card key with its algorithm. */
export const algAndCardKey = algorithm.chain((alg) => bytes(16, 16).map((key) => ({ alg, key })));
