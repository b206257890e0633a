/** The card's simple TLV records (01-card "Records": tag(1) len(1) value). */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  ApduError,
  encodeSimpleTlv,
  encodeSimpleTlvList,
  fromHex,
  parseSimpleTlvList,
  parseSimpleTlvRecord,
  toHex,
} from '../src/index.js';
import { codeOf } from './helpers/error-code.js';

describe('simple TLV', () => {
  test('01-card SSSE EF05 rec 1: tag 01, 16-byte card identification code', () => {
    const rec = fromHex('0110110100D1560000052611220000010000');
    const tlv = parseSimpleTlvRecord(rec);
    expect(tlv.tag).toBe(0x01);
    expect(toHex(tlv.value)).toBe('110100D1560000052611220000010000');
    expect(encodeSimpleTlv(tlv)).toEqual(rec);
  });

  test('01-card SSSE EF06: name tag 09 is 30 bytes GBK "张三" 00-padded', () => {
    const name = new Uint8Array(30);
    name.set(fromHex('D5C5C8FD')); // 张三 in GBK
    const rec = encodeSimpleTlv({ tag: 0x09, value: name });
    expect(toHex(rec.subarray(0, 6))).toBe('091ED5C5C8FD');
    expect(new TextDecoder('gbk').decode(parseSimpleTlvRecord(rec).value).replace(/\0+$/, '')).toBe('张三');
  });

  test('01-card records: a record whose length byte disagrees with its size → bad-tlv', () => {
    expect(codeOf(() => parseSimpleTlvRecord(fromHex('0A0231')))).toBe('bad-tlv');
    expect(codeOf(() => parseSimpleTlvRecord(fromHex('0A013132')))).toBe('bad-tlv');
    expect(codeOf(() => parseSimpleTlvRecord(fromHex('0A')))).toBe('bad-tlv');
    expect(codeOf(() => parseSimpleTlvList(fromHex('0A0131 0B')))).toBe('bad-tlv');
    expect(codeOf(() => parseSimpleTlvList(fromHex('0A0331')))).toBe('bad-tlv');
  });

  test('01-card records: value over 255 bytes or tag over FF cannot be encoded', () => {
    expect(codeOf(() => encodeSimpleTlv({ tag: 1, value: new Uint8Array(256) }))).toBe('bad-tlv');
    expect(codeOf(() => encodeSimpleTlv({ tag: 0x100, value: new Uint8Array(1) }))).toBe('bad-tlv');
  });

  const tlv = fc.record({ tag: fc.integer({ min: 0, max: 255 }), value: fc.uint8Array({ maxLength: 255 }) });

  test.prop([fc.array(tlv, { maxLength: 8 })])('parse ∘ encode is the identity on record lists', (tlvs) => {
    const bytes = encodeSimpleTlvList(tlvs);
    const back = parseSimpleTlvList(bytes);
    expect(back.map((t) => [t.tag, toHex(t.value)])).toEqual(tlvs.map((t) => [t.tag, toHex(t.value)]));
  });

  test.prop([fc.uint8Array({ maxLength: 64 })])('random bytes: only ApduError is ever thrown', (bytes) => {
    for (const f of [parseSimpleTlvList, parseSimpleTlvRecord]) {
      try {
        f(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(ApduError);
      }
    }
  });
});
