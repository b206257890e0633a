/** CLA decoding (ISO/IEC 7816-4 §5.4.1) and the card's classes (02-commands: 00/80 plain, 04/84 SM). */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { decodeCla } from '../src/index.js';

describe('decodeCla', () => {
  test('02-commands: CLA 00 is interindustry, no SM, channel 0', () => {
    expect(decodeCla(0x00)).toEqual({
      cla: 0x00,
      class: 'interindustry',
      structured: true,
      secureMessaging: 'none',
      logicalChannel: 0,
      chaining: false,
    });
  });

  test('02-commands: CLA 04 is interindustry with (proprietary) secure messaging', () => {
    expect(decodeCla(0x04)).toMatchObject({ class: 'interindustry', secureMessaging: 'proprietary' });
  });

  test('02-commands: CLA 80 is proprietary plain, 84 proprietary with SM (PBOC layout)', () => {
    expect(decodeCla(0x80)).toMatchObject({
      class: 'proprietary',
      structured: true,
      secureMessaging: 'none',
    });
    expect(decodeCla(0x84)).toMatchObject({
      class: 'proprietary',
      structured: true,
      secureMessaging: 'proprietary',
    });
  });

  test('ISO 7816-4: 0C = SM with authenticated header, 08 = SM header not processed', () => {
    expect(decodeCla(0x0c).secureMessaging).toBe('iso-header-authenticated');
    expect(decodeCla(0x08).secureMessaging).toBe('iso-header-not-authenticated');
  });

  test('02-commands: channel bits of CLA 01..03 are logical channels 1..3 (card answers 6881)', () => {
    expect([0x01, 0x02, 0x03].map((c) => decodeCla(c).logicalChannel)).toEqual([1, 2, 3]);
  });

  test('ISO 7816-4: CLA 10 announces command chaining', () => {
    expect(decodeCla(0x10).chaining).toBe(true);
    expect(decodeCla(0x00).chaining).toBe(false);
  });

  test('ISO 7816-4: further interindustry 40..7F carries channels 4..19, bit 6 = SM', () => {
    expect(decodeCla(0x40)).toMatchObject({
      class: 'interindustry',
      logicalChannel: 4,
      secureMessaging: 'none',
    });
    expect(decodeCla(0x6f)).toMatchObject({
      logicalChannel: 19,
      secureMessaging: 'iso-header-not-authenticated',
    });
    expect(decodeCla(0x50).chaining).toBe(true);
  });

  test('05-psam: CLA BF (SESSION INIT) is proprietary without a known structure', () => {
    expect(decodeCla(0xbf)).toMatchObject({ class: 'proprietary', structured: false, logicalChannel: 0 });
  });

  test('ISO 7816-3: FF is PPS, never a CLA; 20..3F are reserved', () => {
    expect(decodeCla(0xff).class).toBe('invalid');
    expect(decodeCla(0x20).class).toBe('reserved');
    expect(decodeCla(0x3f).class).toBe('reserved');
  });

  test.prop([fc.integer({ min: 0, max: 0x1f })])(
    'first interindustry: channel = bits 2-1, chaining = bit 5',
    (cla) => {
      const info = decodeCla(cla);
      expect(info.class).toBe('interindustry');
      expect(info.logicalChannel).toBe(cla & 3);
      expect(info.chaining).toBe((cla & 0x10) !== 0);
    },
  );

  test.prop([fc.integer({ min: 0, max: 0xff })])(
    'every byte decodes to a class; bit 8 set (but FF) is proprietary',
    (cla) => {
      const info = decodeCla(cla);
      if (cla >= 0x80 && cla < 0xff) expect(info.class).toBe('proprietary');
      if (cla < 0x80) expect(info.class).not.toBe('proprietary');
    },
  );
});
