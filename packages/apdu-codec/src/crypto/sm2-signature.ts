/**
 * SM2 signatures (GB/T 32918.2) with SM3: e = SM3(Z ‖ M), Z over the signer's ID and public
 * key; signatures are raw r ‖ s, 64 bytes. The card signs a digest e the terminal computed,
 * with k drawn from the card's random source: node:crypto takes no chosen k, so the signing
 * and verifying equations are sm-crypto-v2's. Its verification is cross-checked against
 * OpenSSL in the tests (docs/pki.md).
 */

import { fromHex, toHex } from '../hex.js';
import type { RandomSource } from './random-source.js';
import {
  checkSm2PublicKey,
  isSm2PublicKey,
  randomScalar,
  SM2_ORDER,
  scalarBytes,
  sm2PublicKeyOf,
} from './sm2-keys.js';
import { sm2 } from './sm2-library.js';

/** The default user ID of GM/T 0009 §10 (ASCII "1234567812345678"). */
export const SM2_DEFAULT_ID = '1234567812345678';

export const SM2_SIGNATURE_LENGTH = 64;

/** e = SM3(Z ‖ M) for signer `publicKey` (X ‖ Y) and `id` (ASCII). */
export function sm2Digest(
  publicKey: Uint8Array,
  message: Uint8Array,
  id: string = SM2_DEFAULT_ID,
): Uint8Array {
  checkSm2PublicKey(publicKey);
  return fromHex(sm2().getHash(message, toHex(publicKey).toLowerCase(), id));
}

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA). */
export function sm2Z(publicKey: Uint8Array, id: string = SM2_DEFAULT_ID): Uint8Array {
  checkSm2PublicKey(publicKey);
  return new Uint8Array(sm2().getZ(toHex(publicKey).toLowerCase(), id));
}

/**
 * Signs the 32-byte digest e with d; k in [1, n-1] comes from `random`, so a seeded source
 * gives reproducible signatures. (In the 2^-256 case r = 0, r + k = n or s = 0 the library
 * draws a fresh k from its own source.)
 */
export function sm2SignDigest(privateKey: Uint8Array, digest: Uint8Array, random: RandomSource): Uint8Array {
  if (digest.length !== 32) throw new RangeError(`SM2 digest must be 32 bytes, got ${digest.length}`);
  const k = randomScalar(random, SM2_ORDER - 1n);
  // k·G through the library's own base-point multiplication; its X is x1 of the equations.
  const x1 = BigInt(`0x${toHex(sm2PublicKeyOf(scalarBytes(k)).subarray(0, 32))}`);
  return fromHex(sm2().doSignature(digest, toHex(privateKey).toLowerCase(), { pointPool: [{ k, x1 }] }));
}

/** True when r ‖ s is a valid signature of digest e under `publicKey`; never throws. */
export function sm2VerifyDigest(publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  if (digest.length !== 32 || signature.length !== SM2_SIGNATURE_LENGTH || !isSm2PublicKey(publicKey))
    return false;
  // GB/T 32918.2 §7.1 B1/B2: r, s in [1, n-1] (the library would throw on s = 0 or s ≥ n).
  const r = BigInt(`0x${toHex(signature.subarray(0, 32))}`);
  const s = BigInt(`0x${toHex(signature.subarray(32))}`);
  if (r < 1n || r >= SM2_ORDER || s < 1n || s >= SM2_ORDER) return false;
  try {
    return sm2().doVerifySignature(
      digest,
      toHex(signature).toLowerCase(),
      `04${toHex(publicKey)}`.toLowerCase(),
    );
  } catch {
    return false;
  }
}

/** Signs message M as signer (d, P) with `id`: r ‖ s over SM3(Z ‖ M). */
export function sm2Sign(
  privateKey: Uint8Array,
  message: Uint8Array,
  random: RandomSource,
  id: string = SM2_DEFAULT_ID,
): Uint8Array {
  return sm2SignDigest(privateKey, sm2Digest(sm2PublicKeyOf(privateKey), message, id), random);
}

/** Verifies r ‖ s on message M under `publicKey` with `id`. */
export function sm2Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  id: string = SM2_DEFAULT_ID,
): boolean {
  if (!isSm2PublicKey(publicKey)) return false;
  return sm2VerifyDigest(publicKey, sm2Digest(publicKey, message, id), signature);
}
