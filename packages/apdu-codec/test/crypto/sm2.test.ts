/**
 * SM2 known answers of GM/T 0003.5 (sm2-vectors.json) and the checks of GB/T 32918 that a
 * card must make on what it is given (points on the curve, r and s in range, C3 matching).
 */
import { describe, expect, test } from 'vitest';
import {
  generateSm2KeyPair,
  isSm2PublicKey,
  SM2_ORDER,
  sm2Decrypt,
  sm2Digest,
  sm2PublicKeyOf,
  sm2SignDigest,
  sm2Verify,
  sm2VerifyDigest,
  sm2Z,
} from '../../src/crypto/index.js';
import { concatBytes, fromHex, toHex } from '../../src/hex.js';
import { flipBit } from './reference.js';
import vectors from './sm2-vectors.json' with { type: 'json' };

const d = fromHex(vectors.keyPair.privateKey);
const P = fromHex(vectors.keyPair.publicKey);
const sig = vectors.signature;
const enc = vectors.encryption;

/** A random source that hands out fixed bytes, for the published k. */
const fixed = (hex: string) => () => fromHex(hex);

describe(`SM2 KAT — ${vectors.source}`, () => {
  test('public key of the example private key', () => {
    expect(toHex(sm2PublicKeyOf(d))).toBe(vectors.keyPair.publicKey);
  });
  test(`${sig.name}: Z`, () => {
    expect(toHex(sm2Z(P, sig.id))).toBe(sig.z);
  });
  test(`${sig.name}: e = SM3(Z ‖ M)`, () => {
    expect(toHex(sm2Digest(P, fromHex(sig.message), sig.id))).toBe(sig.digest);
  });
  test(`${sig.name}: r ‖ s with the published k`, () => {
    expect(toHex(sm2SignDigest(d, fromHex(sig.digest), fixed(sig.k)))).toBe(sig.signature);
  });
  test(`${sig.name}: verifies, and not with one bit changed in M, e or the signature`, () => {
    const m = fromHex(sig.message);
    const s = fromHex(sig.signature);
    expect(sm2Verify(P, m, s, sig.id)).toBe(true);
    expect(sm2Verify(P, flipBit(m, 5), s, sig.id)).toBe(false);
    expect(sm2VerifyDigest(P, flipBit(fromHex(sig.digest), 255), s)).toBe(false);
    expect(sm2Verify(P, m, flipBit(s, 300), sig.id)).toBe(false);
    expect(sm2Verify(P, m, s, 'ALICE123@YAHOO.COM')).toBe(false);
  });
  test(`${enc.name}: decrypts to the published message`, () => {
    const c = fromHex(enc.c1 + enc.c3 + enc.c2);
    expect(toHex(sm2Decrypt(d, c)!)).toBe(enc.plain);
  });
  test(`${enc.name}: a changed C1, C3 or C2, or another key, decrypts to nothing`, () => {
    const c = fromHex(enc.c1 + enc.c3 + enc.c2);
    expect(sm2Decrypt(d, flipBit(c, 7))).toBeUndefined();
    expect(sm2Decrypt(d, flipBit(c, 64 * 8 + 1))).toBeUndefined();
    expect(sm2Decrypt(d, flipBit(c, 96 * 8 + 3))).toBeUndefined();
    const other = generateSm2KeyPair(fixed('01'.repeat(32)));
    expect(sm2Decrypt(other.privateKey, c)).toBeUndefined();
    expect(sm2Decrypt(d, c.subarray(0, 96))).toBeUndefined();
  });
});

describe('SM2 input checks', () => {
  test('a point off the curve is not a public key', () => {
    expect(isSm2PublicKey(P)).toBe(true);
    expect(isSm2PublicKey(flipBit(P, 511))).toBe(false);
    expect(isSm2PublicKey(new Uint8Array(64))).toBe(false);
    expect(isSm2PublicKey(P.subarray(1))).toBe(false);
  });
  test('r or s of 0 or ≥ n is refused, never thrown', () => {
    const e = fromHex(sig.digest);
    const s = fromHex(sig.signature);
    const n = fromHex(SM2_ORDER.toString(16));
    const zero = new Uint8Array(32);
    for (const bad of [
      concatBytes(zero, s.subarray(32)),
      concatBytes(s.subarray(0, 32), zero),
      concatBytes(n, s.subarray(32)),
      concatBytes(s.subarray(0, 32), n),
      s.subarray(1),
    ]) {
      expect(sm2VerifyDigest(P, e, bad)).toBe(false);
    }
  });
  test('key generation rejects draws outside [1, n-2] and takes the next one', () => {
    const draws = ['FF'.repeat(32), '00'.repeat(32), vectors.keyPair.privateKey];
    const pair = generateSm2KeyPair(() => fromHex(draws.shift()!));
    expect(toHex(pair.privateKey)).toBe(vectors.keyPair.privateKey);
    expect(toHex(pair.publicKey)).toBe(vectors.keyPair.publicKey);
  });
});
