/**
 * Property tests of the crypto module against 04-crypto's formulas, composed independently
 * from the ECB primitive (reference.ts). SM4 has no second implementation in the house
 * (@noble/ciphers has none), so OpenSSL's SM4 is pinned by the GB/T vectors (kat.test.ts)
 * and by the algebraic properties here.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  blockSize,
  challengeFactor,
  decryptEcb,
  decryptLdBlock,
  directCryptogram,
  diversify,
  diversifyChain,
  encryptEcb,
  encryptLdBlock,
  equalBytes,
  lineMac,
  macIv,
  reloadPinMac,
  sessionCryptogram,
  sessionKey,
} from '../../src/crypto/index.js';
import { algAndCardKey, algAndKey, algorithm, blocksFor, bytes } from './arbitraries.js';
import { concat, flipBit, not, referenceLineMac, referenceMacBlock } from './reference.js';

describe('ECB', () => {
  test.prop([algAndKey.chain(({ alg, key }) => blocksFor(alg).map((data) => ({ alg, key, data })))])(
    '04-crypto E(K, x): decrypt ∘ encrypt is the identity, and encrypt changes a non-empty input',
    ({ alg, key, data }) => {
      const enc = encryptEcb(alg, key, data);
      expect(enc.length).toBe(data.length);
      expect(decryptEcb(alg, key, enc)).toEqual(data);
      if (data.length > 0) expect(enc).not.toEqual(data);
    },
  );

  test.prop([
    algAndKey.chain(({ alg, key }) =>
      fc.tuple(blocksFor(alg, 3), blocksFor(alg, 3)).map(([a, b]) => ({ alg, key, a, b })),
    ),
  ])('04-crypto E(K, x) is ECB: E(a ‖ b) = E(a) ‖ E(b)', ({ alg, key, a, b }) => {
    expect(encryptEcb(alg, key, concat(a, b))).toEqual(
      concat(encryptEcb(alg, key, a), encryptEcb(alg, key, b)),
    );
  });

  test.prop([bytes(8, 8), bytes(8, 8)])(
    '04-crypto 3DES: a 16-byte key K‖K equals single DES under K (the FMCOS 8-byte keys)',
    (k, data) => {
      expect(encryptEcb('3des', concat(k, k), data)).toEqual(encryptEcb('3des', k, data));
    },
  );

  test.prop([algorithm, fc.integer({ min: 1, max: 40 })])(
    '04-crypto E(K, x) works on whole blocks: partial blocks are RangeErrors',
    (alg, length) => {
      fc.pre(length % blockSize(alg) !== 0);
      const key = new Uint8Array(16);
      expect(() => encryptEcb(alg, key, new Uint8Array(length))).toThrow(RangeError);
      expect(() => decryptEcb(alg, key, new Uint8Array(length))).toThrow(RangeError);
    },
  );

  test('04-crypto algorithms: wrong key lengths are RangeErrors (SM4 16 bytes; 3DES 16, or 8 for single DES)', () => {
    expect(() => encryptEcb('sm4', new Uint8Array(8), new Uint8Array(16))).toThrow(RangeError);
    expect(() => encryptEcb('3des', new Uint8Array(24), new Uint8Array(8))).toThrow(RangeError);
    expect(() => encryptEcb('3des', new Uint8Array(15), new Uint8Array(8))).toThrow(RangeError);
  });

  test.prop([algAndKey, fc.integer({ min: 0, max: 127 })])(
    '04-crypto E(K, x) with the per-key cache: a key array changed in place is never served stale state',
    ({ alg, key }, bit) => {
      const block = new Uint8Array(blockSize(alg));
      const mutable = Uint8Array.from(key);
      encryptEcb(alg, mutable, block);
      const flipped = flipBit(key, bit % (key.length * 8));
      mutable.set(flipped);
      expect(encryptEcb(alg, mutable, block)).toEqual(encryptEcb(alg, Uint8Array.from(flipped), block));
    },
  );
});

describe('diversification', () => {
  test.prop([bytes(16, 16), bytes(8, 8)])(
    '04-crypto DIV 3DES: DIV(MK, D) = E(MK, D) ‖ E(MK, ~D)',
    (mk, d) => {
      expect(diversify('3des', mk, d)).toEqual(
        concat(encryptEcb('3des', mk, d), encryptEcb('3des', mk, not(d))),
      );
    },
  );

  test.prop([bytes(16, 16), bytes(8, 8)])(
    '04-crypto DIV SM4, 8-byte D: DIV(MK, D) = E(MK, D ‖ ~D)',
    (mk, d) => {
      expect(diversify('sm4', mk, d)).toEqual(encryptEcb('sm4', mk, concat(d, not(d))));
    },
  );

  test.prop([bytes(16, 16), bytes(16, 16)])(
    '04-crypto DIV SM4, 16-byte D: DIV(MK, D) = E(MK, D)',
    (mk, d) => {
      expect(diversify('sm4', mk, d)).toEqual(encryptEcb('sm4', mk, d));
    },
  );

  test.prop([algorithm, bytes(0, 20)])('04-crypto DIV: other factor lengths are RangeErrors', (alg, d) => {
    fc.pre(d.length !== 8 && !(alg === 'sm4' && d.length === 16));
    expect(() => diversify(alg, new Uint8Array(16), d)).toThrow(RangeError);
  });

  test.prop([algAndCardKey, bytes(8, 8), bytes(8, 8)])(
    '04-crypto ministry key: K = DIV(DIV(MK, cityFactor), cardFactor); province key: K = DIV(MK, cardFactor)',
    ({ alg, key }, city, card) => {
      expect(diversifyChain(alg, key, [city, card])).toEqual(diversify(alg, diversify(alg, key, city), card));
      expect(diversifyChain(alg, key, [card])).toEqual(diversify(alg, key, card));
      expect(diversifyChain(alg, key, [])).toEqual(key);
    },
  );
});

describe('session keys and external authentication', () => {
  test.prop([algAndCardKey, bytes(4, 4)])(
    '04-crypto external authentication: a 4-byte R is padded with 00 to 8 bytes before DIV',
    ({ alg, key }, r) => {
      expect(sessionKey(alg, key, r)).toEqual(diversify(alg, key, concat(r, new Uint8Array(4))));
    },
  );

  test.prop([bytes(16, 16), fc.oneof(bytes(8, 8), bytes(16, 16))])(
    "04-crypto external authentication: 3DES uses R's first 8 bytes",
    (key, r) => {
      expect(sessionKey('3des', key, r)).toEqual(diversify('3des', key, r.subarray(0, 8)));
    },
  );

  test.prop([bytes(16, 16), fc.oneof(bytes(8, 8), bytes(16, 16))])(
    '04-crypto external authentication: SM4 uses R of 8 or 16 bytes as in DIV',
    (key, r) => {
      expect(sessionKey('sm4', key, r)).toEqual(diversify('sm4', key, r));
    },
  );

  test.prop([algorithm, fc.integer({ min: 0, max: 20 })])(
    '04-crypto external authentication: challenges of other lengths cannot make a session key',
    (alg, n) => {
      fc.pre(n !== 4 && (alg === 'sm4' ? n !== 8 && n !== 16 : n < 8));
      expect(() => challengeFactor(alg, new Uint8Array(n))).toThrow(RangeError);
    },
  );

  test.prop([
    algAndCardKey.chain(({ alg, key }) =>
      fc.record({
        alg: fc.constant(alg),
        key: fc.constant(key),
        r: fc.oneof(bytes(4, 4), bytes(8, 8)),
        x: bytes(blockSize(alg), blockSize(alg)),
      }),
    ),
  ])('04-crypto external authentication, session form: C = E(DIV(K, R), X)', ({ alg, key, r, x }) => {
    expect(sessionCryptogram(alg, key, r, x)).toEqual(encryptEcb(alg, sessionKey(alg, key, r), x));
  });

  test('04-crypto external authentication, session form: X must be one block', () => {
    expect(() => sessionCryptogram('sm4', new Uint8Array(16), new Uint8Array(8), new Uint8Array(8))).toThrow(
      RangeError,
    );
  });

  test.prop([algAndKey, fc.oneof(bytes(4, 4), bytes(8, 8), bytes(16, 16))])(
    '04-crypto external authentication, direct form: E(K, first block of R ‖ 00…)',
    ({ alg, key }, r) => {
      const block = new Uint8Array(blockSize(alg));
      block.set(r.subarray(0, block.length));
      expect(directCryptogram(alg, key, r)).toEqual(encryptEcb(alg, key, block));
      expect(macIv(alg, r)).toEqual(block);
    },
  );
});

/** (alg, key, iv, message) for MAC properties. */
const macCase = algAndKey.chain(({ alg, key }) =>
  fc.record({
    alg: fc.constant(alg),
    key: fc.constant(key),
    iv: bytes(blockSize(alg), blockSize(alg)),
    message: bytes(0, 70),
  }),
);

describe('line-protection MAC', () => {
  test.prop([fc.array(macCase, { minLength: 1, maxLength: 8 })])(
    '04-crypto MAC steps 2-4 (always pad 80 00…, 3DES retail MAC, SM4 CBC-MAC, left 4) match the block-by-block composition, across interleaved keys',
    (cases) => {
      for (const { alg, key, iv, message } of cases) {
        expect(lineMac(alg, key, iv, message)).toEqual(referenceLineMac(alg, key, iv, message));
      }
    },
  );

  test.prop([macCase])(
    '04-crypto MAC [decision]: the xor-fold option XORs the 4-byte groups of the last block',
    ({ alg, key, iv, message }) => {
      const full = referenceMacBlock(alg, key, iv, message);
      const folded = new Uint8Array(4);
      for (let i = 0; i < full.length; i++) folded[i % 4] = folded[i % 4]! ^ full[i]!;
      expect(lineMac(alg, key, iv, message, 'xor-fold')).toEqual(folded);
    },
  );

  test.prop([macCase, fc.nat()])(
    '04-crypto MAC: flipping any bit of the message or the IV changes the MAC',
    ({ alg, key, iv, message }, n) => {
      const mac = lineMac(alg, key, iv, message);
      if (message.length > 0)
        expect(lineMac(alg, key, iv, flipBit(message, n % (message.length * 8)))).not.toEqual(mac);
      expect(lineMac(alg, key, flipBit(iv, n % (iv.length * 8)), message)).not.toEqual(mac);
    },
  );

  test.prop([macCase, fc.nat()])(
    '04-crypto MAC: flipping any key bit changes the MAC (for DES, any bit but the ignored parity bits)',
    ({ alg, key, iv, message }, n) => {
      let bit = n % (key.length * 8);
      // DES ignores the least significant bit of each key byte (odd parity, FIPS 46-3).
      if (alg === '3des' && (bit & 7) === 7) bit -= 1;
      expect(lineMac(alg, flipBit(key, bit), iv, message)).not.toEqual(lineMac(alg, key, iv, message));
    },
  );

  test.prop([macCase])(
    '04-crypto MAC step 2: padding is always added, so m and m ‖ 80 differ',
    ({ alg, key, iv, message }) => {
      expect(lineMac(alg, key, iv, concat(message, Uint8Array.of(0x80)))).not.toEqual(
        lineMac(alg, key, iv, message),
      );
    },
  );

  test('04-crypto MAC: the IV must be one block', () => {
    expect(() => lineMac('sm4', new Uint8Array(16), new Uint8Array(8), new Uint8Array(0))).toThrow(
      RangeError,
    );
  });

  test.prop([bytes(16, 16), bytes(2, 8)])(
    '04-crypto RELOAD PIN (3DES): DES-MAC under L(K)⊕R(K), IV 0, over newPIN ‖ 80 00…',
    (key, pin) => {
      const single = key.subarray(0, 8).map((b, i) => b ^ key[8 + i]!);
      expect(reloadPinMac('3des', key, pin)).toEqual(
        referenceLineMac('3des', single, new Uint8Array(8), pin),
      );
    },
  );

  test.prop([bytes(16, 16), bytes(2, 8)])('04-crypto RELOAD PIN (SM4): CBC-MAC under K, IV 0', (key, pin) => {
    expect(reloadPinMac('sm4', key, pin)).toEqual(referenceLineMac('sm4', key, new Uint8Array(16), pin));
  });
});

describe('encrypted LD block', () => {
  test.prop([algAndKey.chain(({ alg, key }) => bytes(0, 255).map((plain) => ({ alg, key, plain })))])(
    '04-crypto encrypted data: LD ‖ plain ‖ 80 00… (pad only when not aligned) round-trips',
    ({ alg, key, plain }) => {
      const bs = blockSize(alg);
      const block = encryptLdBlock(alg, key, plain);
      expect(block.length).toBe(Math.ceil((plain.length + 1) / bs) * bs);
      const clear = decryptEcb(alg, key, block);
      expect(clear[0]).toBe(plain.length);
      expect(clear.subarray(1, 1 + plain.length)).toEqual(plain);
      if (clear.length > plain.length + 1) expect(clear[plain.length + 1]).toBe(0x80);
      expect(decryptLdBlock(alg, key, block)).toEqual(plain);
    },
  );

  test.prop([algAndKey, bytes(0, 70)])(
    '04-crypto encrypted data: any received bytes decrypt to null or to the one plain text that encrypts back to them',
    ({ alg, key }, received) => {
      const plain = decryptLdBlock(alg, key, received);
      if (received.length % blockSize(alg) !== 0 || received.length === 0) expect(plain).toBeNull();
      if (plain !== null) expect(encryptLdBlock(alg, key, plain)).toEqual(received);
    },
  );

  test.prop([algAndKey])(
    '04-crypto encrypted data: wrong padding, LD too long or a spare block → null',
    ({ alg, key }) => {
      const bs = blockSize(alg);
      const block = (length: number, prefix: number[], last?: number): Uint8Array => {
        const clear = new Uint8Array(length);
        clear.set(prefix);
        if (last !== undefined) clear[length - 1] = last;
        return clear;
      };
      const malformed = [
        block(bs, [3, 1, 2, 3, 0x81]), // padding must start with 80
        block(bs, [3, 1, 2, 3, 0x80], 0x01), // then only 00
        block(bs, [bs, 1, 2]), // LD reaches beyond the block
        block(2 * bs, [1, 9, 0x80]), // a spare block after the padding
        block(bs, [bs - 2, 1, 2]), // aligned-short: LD ‖ plain leaves one byte that must be 80
      ];
      for (const clear of malformed) expect(decryptLdBlock(alg, key, encryptEcb(alg, key, clear))).toBeNull();
    },
  );
});

describe('04-crypto comparisons (MACs, cryptograms, PINs)', () => {
  test.prop([bytes(0, 8), bytes(0, 8)])(
    '04-crypto comparisons: equalBytes agrees with byte-by-byte equality',
    (a, b) => {
      const naive = a.length === b.length && a.every((x, i) => x === b[i]);
      expect(equalBytes(a, b)).toBe(naive);
      expect(equalBytes(a, Uint8Array.from(a))).toBe(true);
    },
  );
});
