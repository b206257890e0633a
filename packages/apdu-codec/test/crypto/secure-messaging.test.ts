/**
 * Secure messaging on both sides of the wire (02-commands CLA 04/84, 04-crypto line MAC):
 * the terminal's protectCommand and the card's verifyCommandMac must agree with each other
 * and with the 04-crypto vectors written as whole APDUs.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  blockSize,
  decryptLdBlock,
  encryptLdBlock,
  lineMac,
  macInput,
  macIv,
  protectCommand,
  protectedApdu,
  responseMac,
  stripMac,
  verifyCommandMac,
  verifyResponseMac,
} from '../../src/crypto/index.js';
import { fromHex, toHex } from '../../src/hex.js';
import { algAndCardKey, bytes } from './arbitraries.js';
import { flipBit } from './reference.js';

const K = fromHex('000102030405060708090A0B0C0D0E0F');
const R_3DES = fromHex('0102030405060708');
const R_SM4 = fromHex('00112233445566778899AABBCCDDEEFF');

describe('04-crypto KAT rows as whole APDUs', () => {
  test('04-crypto KAT retail MAC: UPDATE BINARY 04 D6 85 00 0C ‖ data ‖ 267649E6', () => {
    const apdu = protectCommand('3des', K, R_3DES, 0x00, 0xd6, 0x85, 0x00, fromHex('1122334455667788'));
    expect(toHex(apdu)).toBe('04D685000C1122334455667788267649E6');
    expect(verifyCommandMac('3des', K, R_3DES, 0x04, 0xd6, 0x85, 0x00, apdu.subarray(5))).toBe(true);
  });

  test('04-crypto KAT CARD BLOCK MAC: header-only MAC, 84 16 00 00 04 ‖ CF65234E', () => {
    const apdu = protectCommand('3des', K, R_3DES, 0x80, 0x16, 0x00, 0x00, new Uint8Array(0));
    expect(toHex(apdu)).toBe('8416000004CF65234E');
    expect(verifyCommandMac('3des', K, R_3DES, 0x84, 0x16, 0x00, 0x00, fromHex('CF65234E'))).toBe(true);
  });

  test('04-crypto KAT SM4 MAC: 84 5E 01 00 14 ‖ 16 bytes ‖ 00A54238', () => {
    const apdu = protectCommand('sm4', K, R_SM4, 0x84, 0x5e, 0x01, 0x00, R_SM4);
    expect(toHex(apdu)).toBe('845E01001400112233445566778899AABBCCDDEEFF00A54238');
  });

  test("04-crypto MAC step 1: macInput is CLA INS P1 P2 Lc' ‖ data with Lc' = data length + 4", () => {
    expect(toHex(macInput(0x04, 0xd6, 0x85, 0x00, fromHex('1122334455667788')))).toBe(
      '04D685000C1122334455667788',
    );
    expect(toHex(macInput(0x84, 0x16, 0x00, 0x00, new Uint8Array(0)))).toBe('8416000004');
    expect(() => macInput(0x04, 0xd6, 0, 0, new Uint8Array(252))).toThrow(RangeError);
  });
});

/** A command to protect: (alg, key, challenge, header, data). */
const command = algAndCardKey.chain(({ alg, key }) =>
  fc.record({
    alg: fc.constant(alg),
    key: fc.constant(key),
    challenge:
      alg === 'sm4' ? fc.oneof(bytes(4, 4), bytes(8, 8), bytes(16, 16)) : fc.oneof(bytes(4, 4), bytes(8, 8)),
    cla: fc.constantFrom(0x00, 0x04, 0x80, 0x84),
    ins: fc.integer({ min: 0, max: 255 }),
    p1: fc.integer({ min: 0, max: 255 }),
    p2: fc.integer({ min: 0, max: 255 }),
    data: bytes(0, 60),
  }),
);

describe('terminal ↔ card agreement', () => {
  test.prop([command])(
    '02-commands CLA 04/84: protectCommand sets the SM bit, Lc = data + 4, and the card accepts its MAC',
    ({ alg, key, challenge, cla, ins, p1, p2, data }) => {
      const apdu = protectCommand(alg, key, challenge, cla, ins, p1, p2, data);
      expect(apdu[0]).toBe(cla | 0x04);
      expect(apdu[4]).toBe(data.length + 4);
      expect(apdu.length).toBe(5 + data.length + 4);
      const field = apdu.subarray(5);
      expect(stripMac(field)).toEqual(data);
      expect(verifyCommandMac(alg, key, challenge, apdu[0]!, ins, p1, p2, field)).toBe(true);
      // The PSAM path computes the same MAC from macInput (05-psam CIPHER DATA, MAC).
      expect(lineMac(alg, key, macIv(alg, challenge), macInput(apdu[0]!, ins, p1, p2, data))).toEqual(
        field.subarray(data.length),
      );
    },
  );

  test.prop([command, fc.nat()])(
    '02-commands check 9: any flipped bit in header, data or MAC → MAC wrong (the card answers 6988)',
    ({ alg, key, challenge, cla, ins, p1, p2, data }, n) => {
      const apdu = protectCommand(alg, key, challenge, cla, ins, p1, p2, data);
      const bit = n % (apdu.length * 8);
      fc.pre(bit >> 3 !== 4); // the Lc byte is the field's length, not a byte the card reads
      const tampered = flipBit(apdu, bit);
      const ok = verifyCommandMac(
        alg,
        key,
        challenge,
        tampered[0]!,
        tampered[1]!,
        tampered[2]!,
        tampered[3]!,
        tampered.subarray(5),
      );
      expect(ok).toBe(false);
    },
  );

  test.prop([command, fc.nat()])(
    '04-crypto MAC IV: a MAC made with another challenge is rejected',
    (c, n) => {
      const apdu = protectCommand(c.alg, c.key, c.challenge, c.cla, c.ins, c.p1, c.p2, c.data);
      const other = flipBit(c.challenge, n % (Math.min(c.challenge.length, blockSize(c.alg)) * 8));
      expect(verifyCommandMac(c.alg, c.key, other, apdu[0]!, c.ins, c.p1, c.p2, apdu.subarray(5))).toBe(
        false,
      );
    },
  );

  test.prop([algAndCardKey, bytes(0, 3)])(
    '02-commands check 9: a data field shorter than a MAC never verifies (and never throws)',
    ({ alg, key }, field) => {
      expect(verifyCommandMac(alg, key, new Uint8Array(8), 0x84, 0x1e, 0, 0, field)).toBe(false);
    },
  );

  test.prop([command])(
    '04-crypto encrypted data (PIN UNBLOCK, WRITE KEY): the MAC covers the ciphertext, which the card decrypts back',
    ({ alg, key, challenge, cla, ins, p1, p2, data }) => {
      const apdu = protectCommand(alg, key, challenge, cla, ins, p1, p2, data, { encryptionKey: key });
      const field = apdu.subarray(5);
      expect(stripMac(field)).toEqual(encryptLdBlock(alg, key, data));
      expect(verifyCommandMac(alg, key, challenge, apdu[0]!, ins, p1, p2, field)).toBe(true);
      expect(decryptLdBlock(alg, key, stripMac(field))).toEqual(data);
    },
  );

  test.prop([command, fc.integer({ min: 0, max: 255 })])(
    '02-commands READ under +SM: protectCommand appends Le after the MAC',
    ({ alg, key, challenge, ins, p1, p2 }, le) => {
      const apdu = protectCommand(alg, key, challenge, 0x00, ins, p1, p2, new Uint8Array(0), { le });
      expect(apdu.length).toBe(10);
      expect(apdu[4]).toBe(4);
      expect(apdu[9]).toBe(le);
      expect(verifyCommandMac(alg, key, challenge, 0x04, ins, p1, p2, apdu.subarray(5, 9))).toBe(true);
    },
  );

  test.prop([command, fc.nat()])(
    '04-crypto response MAC: same way over the response data with the same IV; the terminal accepts it and rejects any flip',
    ({ alg, key, challenge, data }, n) => {
      const mac = responseMac(alg, key, challenge, data);
      expect(mac).toEqual(lineMac(alg, key, macIv(alg, challenge), data));
      const response = new Uint8Array([...data, ...mac]);
      expect(verifyResponseMac(alg, key, challenge, response)).toBe(true);
      expect(verifyResponseMac(alg, key, challenge, flipBit(response, n % (response.length * 8)))).toBe(
        false,
      );
    },
  );

  test('02-commands short APDUs only: protectedApdu refuses data that with its MAC would not fit', () => {
    expect(() => protectedApdu(0x04, 0xd6, 0, 0, new Uint8Array(252), new Uint8Array(4))).toThrow(RangeError);
    expect(protectedApdu(0x04, 0xd6, 0, 0, new Uint8Array(251), new Uint8Array(4)).length).toBe(260);
  });
});
