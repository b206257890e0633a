/**
 * SM2 key pairs on the recommended curve (GM/T 0003.5, sm2p256v1). Points are carried as
 * 64 bytes X ‖ Y (no 04 prefix), the card's `CA40` form; private keys as 32 bytes.
 * The curve arithmetic is sm-crypto-v2's (built on @noble/curves): node:crypto cannot derive
 * a public key from a chosen private key, and the card must make its keys from its own,
 * seedable, random source. See docs/pki.md for the choice.
 */

import { fromHex, toHex } from '../hex.js';
import type { RandomSource } from './random-source.js';
import { sm2 } from './sm2-library.js';

/** The order n of the base point (GM/T 0003.5 §3). */
export const SM2_ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

export interface Sm2KeyPair {
  /** d, 32 bytes big-endian. */
  readonly privateKey: Uint8Array;
  /** X ‖ Y, 64 bytes. */
  readonly publicKey: Uint8Array;
}

/** A scalar in [1, max] drawn from `random` by rejection (no modulo bias). */
export function randomScalar(random: RandomSource, max: bigint): bigint {
  for (;;) {
    const v = BigInt(`0x${toHex(random(32))}`);
    if (v >= 1n && v <= max) return v;
  }
}

/** A scalar below 2^256 as its 32 bytes, big-endian. */
export function scalarBytes(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** P = d·G as X ‖ Y. */
export function sm2PublicKeyOf(privateKey: Uint8Array): Uint8Array {
  checkPrivateKey(privateKey);
  return fromHex(sm2().getPublicKeyFromPrivateKey(toHex(privateKey).toLowerCase()).slice(2));
}

/** A key pair with d in [1, n-2] (GB/T 32918.1 §6.1), d drawn from `random`. */
export function generateSm2KeyPair(random: RandomSource): Sm2KeyPair {
  const privateKey = scalarBytes(randomScalar(random, SM2_ORDER - 2n));
  return { privateKey, publicKey: sm2PublicKeyOf(privateKey) };
}

/** True when X ‖ Y is a point of the curve (and not the point at infinity). */
export function isSm2PublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 64) return false;
  try {
    return sm2().verifyPublicKey(`04${toHex(publicKey)}`);
  } catch {
    return false;
  }
}

/** True when d is a usable private key, 1 ≤ d ≤ n-2. */
export function isSm2PrivateKey(privateKey: Uint8Array): boolean {
  if (privateKey.length !== 32) return false;
  const d = BigInt(`0x${toHex(privateKey)}`);
  return d >= 1n && d <= SM2_ORDER - 2n;
}

function checkPrivateKey(privateKey: Uint8Array): void {
  if (!isSm2PrivateKey(privateKey)) throw new RangeError('SM2 private key must be 32 bytes in [1, n-2]');
}

/** Throws RangeError unless X ‖ Y is on the curve. */
export function checkSm2PublicKey(publicKey: Uint8Array): void {
  if (!isSm2PublicKey(publicKey)) throw new RangeError('SM2 public key must be 64 bytes X ‖ Y on the curve');
}
