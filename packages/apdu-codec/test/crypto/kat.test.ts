/**
 * Known-answer tests: every row of the 04-crypto table, plus the FIPS 81 and SM4 CBC-MAC
 * vectors that pin the building blocks. Vectors live in vectors.ts.
 */
import { describe, expect, test } from 'vitest';
import { cbcMacInPlace, ciphersFor } from '../../src/crypto/cipher-cache.js';
import {
  decryptEcb,
  decryptLdBlock,
  directCryptogram,
  diversify,
  encryptEcb,
  encryptLdBlock,
  internalAuthentication,
  lineMac,
} from '../../src/crypto/index.js';
import { fromHex, toHex } from '../../src/hex.js';
import {
  cbcMacVectors,
  directCryptogramVectors,
  divVectors,
  ecbVectors,
  ldBlockVectors,
  macVectors,
} from './vectors.js';

/** Rows of the 04-crypto table cite it; the other vectors cite their own source only. */
function title(v: { name: string; source: string }): string {
  return v.source.startsWith('04-crypto')
    ? `04-crypto KAT: ${v.name} — ${v.source}`
    : `${v.name} — ${v.source}`;
}

describe('04-crypto KAT: block ciphers (ECB)', () => {
  for (const v of ecbVectors) {
    test(title(v), () => {
      const key = fromHex(v.key);
      let block = fromHex(v.input);
      const iterations = v.iterations ?? 1;
      for (let i = 0; i < iterations; i++) block = encryptEcb(v.alg, key, block);
      expect(toHex(block)).toBe(v.output);
      if (iterations === 1) expect(toHex(decryptEcb(v.alg, key, block))).toBe(v.input);
    });
  }

  const internal = ecbVectors.find((v) => v.name === 'FMCOS internal auth')!;
  test('04-crypto KAT: FMCOS internal auth through internalAuthentication()', () => {
    const answer = internalAuthentication(internal.alg, fromHex(internal.key), fromHex(internal.input));
    expect(toHex(answer)).toBe(internal.output);
  });
});

describe('04-crypto KAT: line-protection MAC', () => {
  for (const v of macVectors) {
    test(title(v), () => {
      expect(toHex(lineMac(v.alg, fromHex(v.key), fromHex(v.iv), fromHex(v.input)))).toBe(v.mac);
    });
  }
  for (const v of macVectors.filter((m) => m.fullBlock !== undefined)) {
    test(`04-crypto MAC [decision] xor-fold: the 4-byte groups of the published block XOR-ed — ${v.source}`, () => {
      const block = fromHex(v.fullBlock!);
      const folded = new Uint8Array(4);
      for (let i = 0; i < block.length; i++) folded[i % 4] = folded[i % 4]! ^ block[i]!;
      expect(lineMac(v.alg, fromHex(v.key), fromHex(v.iv), fromHex(v.input), 'xor-fold')).toEqual(folded);
    });
  }
});

describe('04-crypto KAT: diversification', () => {
  for (const v of divVectors) {
    test(title(v), () => {
      expect(toHex(diversify(v.alg, fromHex(v.masterKey), fromHex(v.factor)))).toBe(v.output);
    });
  }
});

describe('04-crypto KAT: external authentication, direct form', () => {
  for (const v of directCryptogramVectors) {
    test(`04-crypto KAT: ${v.name} — 4-byte R padded with 00`, () => {
      expect(toHex(directCryptogram(v.alg, fromHex(v.key), fromHex(v.challenge)))).toBe(v.output);
    });
  }
});

describe('04-crypto KAT: encrypted LD block', () => {
  for (const v of ldBlockVectors) {
    test(`04-crypto KAT: ${v.name} — LD ‖ plain ‖ 80 00…, ECB`, () => {
      const key = fromHex(v.key);
      const block = encryptLdBlock(v.alg, key, fromHex(v.plain));
      expect(toHex(block)).toBe(v.output);
      expect(toHex(decryptLdBlock(v.alg, key, block)!)).toBe(v.plain);
    });
  }
});

describe('CBC chaining under the MACs (published CBC vectors)', () => {
  for (const v of cbcMacVectors) {
    test(`${v.name} — ${v.source}`, () => {
      const entry = ciphersFor(v.alg, fromHex(v.key));
      // Twice in a row: the second run checks that the cached 3DES CBC object's leftover
      // chaining value is cancelled, not carried into the next MAC.
      for (let run = 0; run < 2; run++) {
        const blocks = fromHex(v.input);
        const iv = fromHex(v.iv);
        for (let i = 0; i < iv.length; i++) blocks[i] = blocks[i]! ^ iv[i]!;
        expect(toHex(cbcMacInPlace(entry, blocks))).toBe(v.mac);
      }
    });
  }
});
