/**
 * The two symmetric algorithms of the card contract (04-crypto): 3DES for 2nd-generation
 * cards, SM4 (GB/T 32907) for 3rd-generation ones. A profile names one for all its keys.
 */
export type Algorithm = '3des' | 'sm4';

/** Cipher block size in bytes: 8 for 3DES, 16 for SM4. */
export function blockSize(alg: Algorithm): 8 | 16 {
  return alg === 'sm4' ? 16 : 8;
}

/**
 * Throws RangeError unless the key suits the algorithm: SM4 takes 16 bytes; 3DES takes
 * 16 (two-key EDE, the card's keys) or 8 (single DES, as in the FMCOS vectors of 04-crypto).
 */
export function checkKey(alg: Algorithm, key: Uint8Array): void {
  const ok = alg === 'sm4' ? key.length === 16 : key.length === 16 || key.length === 8;
  if (!ok)
    throw new RangeError(`${alg} key must be ${alg === 'sm4' ? '16' : '8 or 16'} bytes, got ${key.length}`);
}

/** Throws RangeError unless `data` is a whole, non-negative number of blocks. */
export function checkWholeBlocks(alg: Algorithm, data: Uint8Array, what = 'data'): void {
  if (data.length % blockSize(alg) !== 0) {
    throw new RangeError(`${what} must be whole ${blockSize(alg)}-byte blocks, got ${data.length} bytes`);
  }
}
