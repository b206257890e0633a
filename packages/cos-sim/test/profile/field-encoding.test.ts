import { describe, expect, it } from 'vitest';
import { encodeField } from '../../src/profile/field-encoding.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
function bytes(r: ReturnType<typeof encodeField>): string {
  if (!r.ok) throw new Error(r.reason);
  return hex(r.bytes);
}

describe('field encodings of 01-card.md (an, cn, b, GBK)', () => {
  it('01-card: the SSSE name "sx1.sh.社会保障" is the 15 GBK bytes the spec lists', () => {
    expect(bytes(encodeField({ enc: 'gbk', value: 'sx1.sh.社会保障' }))).toBe(
      '7378312E73682EC9E7BBE1B1A3D5CF',
    );
  });

  it('01-card EF06 tag 09: name "张三" in GBK (GB 2312 D5C5 C8FD), 00-padded to 30 bytes', () => {
    expect(bytes(encodeField({ enc: 'gbk', value: '张三', len: 30 }))).toBe(`D5C5C8FD${'00'.repeat(26)}`);
  });

  it('01-card EF06 tag 4E: an empty name extension FF-padded to 20 bytes is all FF', () => {
    expect(bytes(encodeField({ enc: 'gbk', value: '', len: 20, pad: 0xff }))).toBe('FF'.repeat(20));
  });

  it('01-card: cn is BCD, an odd digit count ends in F, FF padding when asked', () => {
    expect(bytes(encodeField({ enc: 'cn', value: '20261122', len: 4 }))).toBe('20261122');
    expect(bytes(encodeField({ enc: 'cn', value: '12345' }))).toBe('12345F');
    expect(bytes(encodeField({ enc: 'cn', value: '1101', len: 3, pad: 0xff }))).toBe('1101FF');
  });

  it('01-card: an is ASCII and b is hex', () => {
    expect(bytes(encodeField({ enc: 'an', value: '2.00', len: 4 }))).toBe('322E3030');
    expect(bytes(encodeField({ enc: 'b', value: '110100 D156000005' }))).toBe('110100D156000005');
  });

  it('field errors say what is wrong: too long, too short without pad, bad characters', () => {
    expect(encodeField({ enc: 'an', value: 'ABC', len: 2 })).toEqual({
      ok: false,
      at: 'value',
      reason: 'expected 2 bytes, got 3',
    });
    expect(encodeField({ enc: 'an', value: 'A', len: 2 })).toMatchObject({
      ok: false,
      reason: /no pad byte/,
    });
    expect(encodeField({ enc: 'cn', value: '12A4' })).toMatchObject({ ok: false, reason: /decimal digits/ });
    expect(encodeField({ enc: 'an', value: '张' })).toMatchObject({ ok: false, reason: /ASCII/ });
    expect(encodeField({ enc: 'gbk', value: '😀' })).toMatchObject({
      ok: false,
      reason: /GBK cannot encode/,
    });
    expect(encodeField({ enc: 'b', value: 'ABC' })).toMatchObject({
      ok: false,
      reason: /hex digits in pairs/,
    });
  });
});
