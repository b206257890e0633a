/**
 * Encrypted data fields (04-crypto "Encrypted data": PIN UNBLOCK, WRITE KEY under SM):
 * `LD ‖ plain ‖ 80 00…` then ECB, where LD is the length of plain (1 byte) and the padding
 * is added only when `LD ‖ plain` is not already whole blocks.
 */
import { type Algorithm, blockSize } from './algorithm.js';
import { decryptEcb, encryptEcb } from './ecb.js';

/** Encrypts `plain` (at most 255 bytes) as an LD block under `key`. */
export function encryptLdBlock(alg: Algorithm, key: Uint8Array, plain: Uint8Array): Uint8Array {
  if (plain.length > 0xff)
    throw new RangeError(`LD block plain text is at most 255 bytes, got ${plain.length}`);
  const bs = blockSize(alg);
  const used = 1 + plain.length;
  const block = new Uint8Array(Math.ceil(used / bs) * bs);
  block[0] = plain.length;
  block.set(plain, 1);
  if (used < block.length) block[used] = 0x80;
  return encryptEcb(alg, key, block);
}

/**
 * Decrypts an LD block and returns the plain text, or null when it is malformed: empty or
 * not whole blocks, LD beyond the block, wrong padding (must be `80 00…` exactly when
 * `LD ‖ plain` is not aligned, absent when it is), or more blocks than LD needs.
 * Never throws for bad data (the card answers 6A80 on null); a bad key still throws.
 */
export function decryptLdBlock(alg: Algorithm, key: Uint8Array, block: Uint8Array): Uint8Array | null {
  const bs = blockSize(alg);
  if (block.length === 0 || block.length % bs !== 0) return null;
  const clear = decryptEcb(alg, key, block);
  const ld = clear[0]!;
  const used = 1 + ld;
  if (Math.ceil(used / bs) * bs !== clear.length) return null;
  if (used < clear.length) {
    if (clear[used] !== 0x80) return null;
    for (let i = used + 1; i < clear.length; i++) if (clear[i] !== 0) return null;
  }
  return clear.slice(1, used);
}
