/** SM3 known answers (sm3-vectors.json: GM/T 0004-2012 Appendix A, 11-pki.md's PIN digest). */
import { describe, expect, test } from 'vitest';
import { cipheredPin, pinCipherKey, sm3 } from '../../src/crypto/index.js';
import { fromHex, toHex } from '../../src/hex.js';
import vectors from './sm3-vectors.json' with { type: 'json' };

describe('SM3 KAT', () => {
  for (const v of vectors.vectors) {
    test(v.name, () => {
      expect(toHex(sm3(fromHex(v.input)))).toBe(v.output);
    });
  }
});

describe('ciphered VERIFY (11-pki.md)', () => {
  const v = vectors.cipheredVerify;
  test(`${v.name}: K = SM3(PIN)[0..16)`, () => {
    expect(toHex(pinCipherKey(fromHex(v.pin)))).toBe(v.key);
  });
  test(`${v.name}: SM4-ECB(K, R) byte for byte`, () => {
    expect(toHex(cipheredPin(fromHex(v.pin), fromHex(v.challenge)))).toBe(v.data);
  });
});
