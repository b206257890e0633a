/** Response APDUs: data ‖ SW1 SW2 (ISO 7816-4 §5.1). */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  ApduError,
  encodeResponseApdu,
  fromHex,
  parseResponseApdu,
  statusWordOf,
  toHex,
} from '../src/index.js';

describe('response APDUs', () => {
  test('02-commands: a bare 9000 has no data and sw 0x9000', () => {
    const r = parseResponseApdu(fromHex('9000'));
    expect(r.sw).toBe(0x9000);
    expect(r.data.length).toBe(0);
  });

  test('01-card: a record read answers TLV ‖ 9000; the SW is split off', () => {
    const r = parseResponseApdu(fromHex('0201339000'));
    expect(toHex(r.data)).toBe('020133');
    expect(r.sw).toBe(0x9000);
    expect(statusWordOf(fromHex('0201336C03'))).toBe(0x6c03);
  });

  test('fewer than 2 bytes is ApduError too-short', () => {
    for (const hex of ['', '90']) {
      expect(() => parseResponseApdu(fromHex(hex))).toThrow(ApduError);
      expect(() => statusWordOf(fromHex(hex))).toThrow(ApduError);
    }
  });

  test('an SW outside 0000..FFFF is ApduError bad-sw', () => {
    expect(() => encodeResponseApdu({ data: new Uint8Array(0), sw: 0x10000 })).toThrow(
      expect.objectContaining({ code: 'bad-sw' }),
    );
  });

  test.prop([fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 0xffff })])(
    'parse ∘ encode is the identity',
    (data, sw) => {
      const r = parseResponseApdu(encodeResponseApdu({ data, sw }));
      expect(r.sw).toBe(sw);
      expect(toHex(r.data)).toBe(toHex(data));
    },
  );
});
