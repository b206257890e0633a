/**
 * SM2 public-key encryption (GB/T 32918.4) in the C1 ‖ C3 ‖ C2 order of GM/T 0009 and of the
 * card's envelope command: C1 = X ‖ Y (64 bytes, no 04), C3 = SM3(x2 ‖ M ‖ y2) (32 bytes),
 * C2 = M ⊕ KDF (as long as M). From sm-crypto-v2: node:crypto's publicEncrypt and
 * privateDecrypt refuse SM2 keys (docs/pki.md).
 */

import { fromHex, toHex } from '../hex.js';
import { checkSm2PublicKey, isSm2PrivateKey } from './sm2-keys.js';
import { sm2 } from './sm2-library.js';

/** C1 (64) + C3 (32): what a ciphertext carries besides C2. */
export const SM2_CIPHERTEXT_OVERHEAD = 96;

const C1C3C2 = 1;

/** Encrypts M to `publicKey`; the ephemeral k is the library's (node:crypto's random). */
export function sm2Encrypt(publicKey: Uint8Array, plain: Uint8Array): Uint8Array {
  checkSm2PublicKey(publicKey);
  if (plain.length === 0) throw new RangeError('SM2 cannot encrypt an empty message');
  return fromHex(sm2().doEncrypt(plain, `04${toHex(publicKey)}`.toLowerCase(), C1C3C2));
}

/**
 * Decrypts C1 ‖ C3 ‖ C2 with d; undefined when C1 is not on the curve or C3 does not match
 * (a wrong key or a changed ciphertext). Never throws on bad input.
 */
export function sm2Decrypt(privateKey: Uint8Array, cipher: Uint8Array): Uint8Array | undefined {
  if (!isSm2PrivateKey(privateKey) || cipher.length <= SM2_CIPHERTEXT_OVERHEAD) return undefined;
  try {
    const plain = sm2().doDecrypt(toHex(cipher).toLowerCase(), toHex(privateKey).toLowerCase(), C1C3C2, {
      output: 'array',
    });
    return plain.length === cipher.length - SM2_CIPHERTEXT_OVERHEAD ? new Uint8Array(plain) : undefined;
  } catch {
    return undefined;
  }
}
