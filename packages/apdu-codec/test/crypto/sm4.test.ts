/**
 * The hand-written SM4 (src/crypto/sm4.ts) against OpenSSL's `sm4-ecb`/`sm4-cbc` on random
 * keys and data, and its own structure. Its known answers (GB/T 32907 A.1 and the
 * 1,000,000-iteration A.2) run in kat.test.ts through encryptEcb, which uses it.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { decryptEcb, encryptEcb, lineMac } from '../../src/crypto/index.js';
import { SM4_SBOX, sm4CbcInPlace, sm4DecryptionKeys, sm4Ecb, sm4RoundKeys } from '../../src/crypto/sm4.js';
import { bytes } from './arbitraries.js';
import { pad80 } from './reference.js';

const blocks = (max: number) => fc.integer({ min: 0, max }).chain((n) => bytes(16 * n, 16 * n));

function opensslEcb(key: Uint8Array, data: Uint8Array, decrypt = false): Uint8Array {
  const c = (decrypt ? createDecipheriv : createCipheriv)('sm4-ecb', key, null).setAutoPadding(false);
  return Uint8Array.from(Buffer.concat([c.update(data), c.final()]));
}

describe('hand-written SM4 vs OpenSSL', () => {
  test('GB/T 32907 §6.2: the S-box is a permutation of 0..255', () => {
    expect(new Set(SM4_SBOX).size).toBe(256);
    expect(SM4_SBOX.length).toBe(256);
  });

  test.prop([bytes(16, 16), blocks(8)], { numRuns: 300 })(
    'GB/T 32907 encryption: ECB equals OpenSSL sm4-ecb on random keys and data',
    (key, data) => {
      expect(sm4Ecb(sm4RoundKeys(key), data)).toEqual(opensslEcb(key, data));
      expect(encryptEcb('sm4', key, data)).toEqual(opensslEcb(key, data));
    },
  );

  test.prop([bytes(16, 16), blocks(8)], { numRuns: 300 })(
    'GB/T 32907 decryption (round keys reversed): equals OpenSSL sm4-ecb decryption',
    (key, data) => {
      expect(sm4Ecb(sm4DecryptionKeys(sm4RoundKeys(key)), data)).toEqual(opensslEcb(key, data, true));
      expect(decryptEcb('sm4', key, data)).toEqual(opensslEcb(key, data, true));
    },
  );

  test.prop([bytes(16, 16), bytes(16, 16), blocks(6)])(
    'GB/T 32907 in CBC mode: CBC in place equals OpenSSL sm4-cbc (its last block is the CBC-MAC)',
    (key, iv, data) => {
      const c = createCipheriv('sm4-cbc', key, iv).setAutoPadding(false);
      const expected = Uint8Array.from(c.update(data));
      const mine = Uint8Array.from(data);
      for (let i = 0; i < Math.min(16, mine.length); i++) mine[i] = mine[i]! ^ iv[i]!;
      sm4CbcInPlace(sm4RoundKeys(key), mine);
      expect(mine).toEqual(expected);
    },
  );

  test.prop([bytes(16, 16), bytes(16, 16), bytes(0, 60)])(
    '04-crypto SM4 line MAC equals the left 4 bytes of OpenSSL sm4-cbc over message ‖ 80 00…',
    (key, iv, message) => {
      const c = createCipheriv('sm4-cbc', key, iv).setAutoPadding(false);
      const out = c.update(pad80('sm4', message));
      expect(lineMac('sm4', key, iv, message)).toEqual(
        Uint8Array.from(out.subarray(out.length - 16, out.length - 12)),
      );
    },
  );

  test('GB/T 32907 key expansion: keys that are not 16 bytes are RangeErrors', () => {
    expect(() => sm4RoundKeys(new Uint8Array(15))).toThrow(RangeError);
  });
});
