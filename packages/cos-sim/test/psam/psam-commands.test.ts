/** The PSAM's commands (05-psam.md) against the crypto module computed from the master keys. */

import { fc, test as propTest } from '@fast-check/vitest';
import {
  blockSize,
  diversify,
  diversifyChain,
  encryptEcb,
  lineMac,
  reloadPinMac,
  sessionCryptogram,
} from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import { engineOf } from '../../src/card.js';
import { concat, hex, toHex } from '../helpers/bytes.js';
import {
  ALGORITHMS,
  apdu,
  CARD_FACTOR,
  CITY_FACTOR,
  exchange,
  master,
  psam,
  SELECT_DF01,
  send,
} from './psam-fixture.js';

test('06-keys: the master keys are SHA-256("ssc-cos test " + name), first 16 bytes', () => {
  expect(toHex(master('MP-PUK'))).toBe('122165624B75F7D72224B4A5A70087FF');
  expect(toHex(master('MP-RK-DF04'))).toBe('2BB240AB6BE62579B5F4C45BF021B541');
});

describe.each(ALGORITHMS)('PSAM, %s keys', (alg) => {
  const bs = blockSize(alg);
  const ready = (profile = 'psam-hospital', transport: 'T0' | 'T1' = 'T0') => {
    const p = psam(profile, alg, transport);
    expect(exchange(p, SELECT_DF01).sw).toBe('9000');
    return p;
  };

  test('05-psam card image: EF16 holds the terminal number (00 B0 96 00 06)', () => {
    const p = psam('psam-hospital', alg);
    expect(exchange(p, '00B0960006')).toEqual({ data: hex('110100000001'), sw: '9000' });
  });

  test('05-psam v2: EF 0016 by FID (00A4 0000 02 0016, then 00B0 0000 06) and by SFI', () => {
    const p = psam('psam-hospital', alg);
    expect(exchange(p, '00A40000020016').sw).toBe('9000');
    expect(exchange(p, '00B0000006')).toEqual({ data: hex('110100000001'), sw: '9000' });
    expect(exchange(p, '00B0960006')).toEqual({ data: hex('110100000001'), sw: '9000' });
  });

  test('05-psam v2: EF 0015 (public information) by FID and by SFI; terminals read 14 or 15 bytes', () => {
    const p = psam('psam-hospital', alg);
    const info = '11010000000000000001010101000000';
    expect(exchange(p, '00A40000020015').sw).toBe('9000');
    expect(exchange(p, '00B000000E')).toEqual({ data: hex(info.slice(0, 28)), sw: '9000' });
    expect(exchange(p, '00B000000F')).toEqual({ data: hex(info.slice(0, 30)), sw: '9000' });
    expect(exchange(p, '00B0950010')).toEqual({ data: hex(info), sw: '9000' });
    // the serial's last 6 bytes are the ATR's serial
    expect(info.slice(8, 20)).toBe('000000000001');
  });

  test('05-psam INIT FOR DESCRYPT: unknown (usage, id) → 6A88 (hospital PSAM has no DF03 key 28/13)', () => {
    const p = ready();
    expect(send(p, apdu('801A2813', CARD_FACTOR)).sw).toBe('6A88');
    expect(send(p, apdu('801A2514', CARD_FACTOR)).sw).toBe('6A88'); // right id, wrong usage
  });

  test('05-psam SESSION INIT: unknown (usage, id) → 6A88', () => {
    const p = ready();
    expect(send(p, apdu('BFDE2813', concat(CARD_FACTOR, new Uint8Array(8)))).sw).toBe('6A88');
  });

  test('05-psam: Lc ≠ 8 × levels → 6700, checked before the key lookup', () => {
    const p = ready();
    expect(send(p, apdu('801A4715', CARD_FACTOR)).sw).toBe('6700'); // 2 levels, 1 factor
    expect(send(p, apdu('801A2814', concat(CARD_FACTOR, CITY_FACTOR))).sw).toBe('6700'); // 1 level, 2 factors
    expect(send(p, apdu('801A2813', concat(CARD_FACTOR, CITY_FACTOR))).sw).toBe('6700'); // unknown key too
    expect(send(p, '801A2814').sw).toBe('6700');
  });

  test('05-psam SESSION INIT: Lc ≠ 8 × levels + length of R (4, 8 or 16) → 6700', () => {
    const p = ready();
    for (const n of [0, 1, 5, 12, 17]) {
      expect(send(p, apdu('BFDE2814', concat(CARD_FACTOR, new Uint8Array(n)))).sw).toBe('6700');
    }
    for (const n of [4, 8, 16]) {
      expect(send(p, apdu('BFDE2814', concat(CARD_FACTOR, new Uint8Array(n)))).sw).toBe('9000');
    }
  });

  test('05-psam CIPHER DATA before a working key → 6985, also after reset and after re-SELECT', () => {
    const p = ready();
    expect(send(p, apdu('80FA0000', new Uint8Array(bs))).sw).toBe('6985');
    expect(send(p, apdu('80FA0500', new Uint8Array(bs + 3))).sw).toBe('6985');
    expect(send(p, apdu('801A4715', concat(CARD_FACTOR, CITY_FACTOR))).sw).toBe('9000');
    expect(exchange(p, apdu('80FA0000', new Uint8Array(bs))).sw).toBe('9000');
    expect(exchange(p, SELECT_DF01).sw).toBe('9000');
    expect(send(p, apdu('80FA0000', new Uint8Array(bs))).sw).toBe('6985');
    expect(send(p, apdu('801A4715', concat(CARD_FACTOR, CITY_FACTOR))).sw).toBe('9000');
    p.reset();
    expect(exchange(p, SELECT_DF01).sw).toBe('9000');
    expect(send(p, apdu('80FA0000', new Uint8Array(bs))).sw).toBe('6985');
  });

  test('05-psam working key: session state — kept by a commit, forgotten by DF SELECT and reset', () => {
    const p = ready();
    expect(engineOf(p).session.workingKey).toBeNull();
    expect(send(p, apdu('801A4715', concat(CARD_FACTOR, CITY_FACTOR))).sw).toBe('9000');
    const key = engineOf(p).session.workingKey;
    expect(key).toMatchObject({ algorithm: alg, keyType: 7, levels: 2, session: false }); // usage 47;
    engineOf(p).session.rebind(p.image); // what every commit does
    expect(engineOf(p).session.workingKey).toBe(key);
    expect(exchange(p, apdu('80FA0500', new Uint8Array(bs + 3))).sw).toBe('9000');
    expect(exchange(p, SELECT_DF01).sw).toBe('9000');
    expect(engineOf(p).session.workingKey).toBeNull();
    expect(send(p, apdu('BFDE2814', concat(CARD_FACTOR, new Uint8Array(8)))).sw).toBe('9000');
    expect(engineOf(p).session.workingKey).toMatchObject({ keyType: 8, levels: 1, session: true }); // usage 28;
    p.reset();
    expect(engineOf(p).session.workingKey).toBeNull();
  });

  test('05-psam CIPHER DATA: data not whole blocks → 6700; P1 other than 00/05 → 6A86', () => {
    const p = ready();
    expect(send(p, apdu('801A4715', concat(CARD_FACTOR, CITY_FACTOR))).sw).toBe('9000');
    expect(send(p, apdu('80FA0000', new Uint8Array(bs + 1))).sw).toBe('6700');
    expect(send(p, apdu('80FA0000', new Uint8Array(bs / 2))).sw).toBe('6700');
    expect(send(p, '80FA000000').sw).toBe('6700');
    expect(send(p, apdu('80FA0500', new Uint8Array(bs - 1))).sw).toBe('6700'); // not even an IV
    expect(send(p, apdu('80FA0100', new Uint8Array(bs))).sw).toBe('6A86');
    expect(send(p, apdu('80FA0001', new Uint8Array(bs))).sw).toBe('6A86');
  });

  test('05-psam terminal flow: SESSION INIT + CIPHER DATA = E(DIV(DIV(MP-RK-DF04, cardFactor), R), X); T=0 answers 61xx', () => {
    const p = ready();
    const r = hex('0102030405060708090A0B0C0D0E0F10').subarray(0, bs);
    const x = hex('A1A2A3A4A5A6A7A8B1B2B3B4B5B6B7B8').subarray(0, bs);
    expect(send(p, apdu('BFDE2814', concat(CARD_FACTOR, r))).sw).toBe('9000');
    const first = send(p, apdu('80FA0000', x));
    expect(first).toEqual({
      data: new Uint8Array(0),
      sw: `61${bs.toString(16).padStart(2, '0').toUpperCase()}`,
    });
    const c = send(p, `00C00000${bs.toString(16).padStart(2, '0')}`);
    const k = diversify(alg, master('MP-RK-DF04'), CARD_FACTOR);
    expect(c).toEqual({ data: sessionCryptogram(alg, k, r, x), sw: '9000' });
  });

  test('05-psam: a 2-level key takes cardFactor ‖ cityFactor, applied city first (ministry key, BFDE 48 12)', () => {
    const p = ready('psam-window');
    const r = hex('CAFEBABE'); // a 4-byte challenge, padded with 00 (04-crypto)
    const x = new Uint8Array(bs).fill(0x5a);
    expect(send(p, apdu('BFDE4812', concat(CARD_FACTOR, CITY_FACTOR, r))).sw).toBe('9000');
    const k = diversifyChain(alg, master('MM-UB'), [CITY_FACTOR, CARD_FACTOR]);
    expect(exchange(p, apdu('80FA0000', x))).toEqual({ data: sessionCryptogram(alg, k, r, x), sw: '9000' });
  });

  test('05-psam internal authentication: 801A 47 15 card ‖ city, CIPHER DATA N → E(K_int, N); T=1 without 61xx', () => {
    const p = ready('psam-hospital', 'T1');
    const n = new Uint8Array(bs).map((_, i) => i * 17);
    expect(send(p, apdu('801A4715', concat(CARD_FACTOR, CITY_FACTOR))).sw).toBe('9000');
    const k = diversifyChain(alg, master('MM-IRK'), [CITY_FACTOR, CARD_FACTOR]);
    expect(send(p, apdu('80FA0000', n))).toEqual({ data: encryptEcb(alg, k, n), sw: '9000' });
  });

  propTest.prop([fc.uint8Array({ minLength: bs, maxLength: bs }), fc.uint8Array({ maxLength: 200 })], {
    numRuns: 40,
  })(
    '05-psam CIPHER DATA P1=05: IV ‖ message → the line MAC of 04-crypto (PSAM pads), 801A 25 34',
    (iv, message) => {
      const p = ready();
      expect(send(p, apdu('801A2534', CARD_FACTOR)).sw).toBe('9000');
      const k = diversify(alg, master('MP-STK-DF04'), CARD_FACTOR);
      expect(exchange(p, apdu('80FA0500', concat(iv, message)))).toEqual({
        data: lineMac(alg, k, iv, message),
        sw: '9000',
      });
    },
  );

  test('04-crypto PIN reload: 801A 24 02 then MAC of 0…0 ‖ newPIN = the RELOAD PIN MAC (3DES: under L(K)⊕R(K))', () => {
    const p = ready('psam-window');
    const pin = hex('654321');
    expect(send(p, apdu('801A2402', CARD_FACTOR)).sw).toBe('9000');
    const k = diversify(alg, master('MP-RPK'), CARD_FACTOR);
    const mac = exchange(p, apdu('80FA0500', concat(new Uint8Array(bs), pin)));
    expect(mac).toEqual({ data: reloadPinMac(alg, k, pin), sw: '9000' });
  });

  test('05-psam [decision] key usage: no plain encryption under a session-only or MAC key; no session of an encryption key → 6985', () => {
    const p = ready();
    expect(send(p, apdu('801A2814', CARD_FACTOR)).sw).toBe('9000'); // type 8: session form only
    expect(send(p, apdu('80FA0000', new Uint8Array(2 * bs))).sw).toBe('6985');
    expect(send(p, apdu('801A2534', CARD_FACTOR)).sw).toBe('9000'); // type 5: MAC only
    expect(send(p, apdu('80FA0000', new Uint8Array(bs))).sw).toBe('6985');
    expect(send(p, apdu('BFDE4715', concat(CARD_FACTOR, CITY_FACTOR, new Uint8Array(8)))).sw).toBe('6985');
  });

  test('05-psam: the PSAM commands need DF01 (the key table) to be current → 6A88 in the MF', () => {
    const p = psam('psam-hospital', alg);
    expect(send(p, apdu('801A4715', concat(CARD_FACTOR, CITY_FACTOR))).sw).toBe('6A88');
  });
});
