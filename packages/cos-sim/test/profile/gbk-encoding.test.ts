import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../../src/profile/gbk-encoding.js';

/** What the profile encoded before gbk-encoding.ts: iconv-lite, '?' substitution refused. */
function iconvReference(value: string): string | null {
  const bytes = iconv.encode(value, 'gbk');
  return iconv.decode(bytes, 'gbk') === value ? bytes.toString('hex') : null;
}

const hex = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('hex'));

/** Every character of the GBK two-byte area as iconv-lite decodes it (lead 81..FE, trail 40..FE but 7F). */
function twoByteCharacters(): string[] {
  const out: string[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail !== 0x7f) out.push(iconv.decode(Buffer.from([lead, trail]), 'gbk'));
    }
  }
  return out;
}

describe('encodeGbk: iconv-lite bytes without its start-up cost', () => {
  it('gives iconv-lite bytes (or refuses like it) for every character of the two-byte area', () => {
    const chars = twoByteCharacters();
    expect(chars).toHaveLength(23_940);
    const differing = chars.filter((c) => hex(encodeGbk(c)) !== iconvReference(c));
    expect(differing).toEqual([]);
  });

  it('gives iconv-lite bytes for ASCII, the PUA, €, and what GBK cannot hold', () => {
    const samples = [
      ...Array.from({ length: 0x80 }, (_, i) => String.fromCharCode(i)),
      '\ue76c', // PUA: ICU and iconv-lite map it differently, so iconv-lite answers
      '\ue7c7', // PUA that iconv-lite writes as a four-byte GB 18030 code
      '€', // one byte 80 in iconv-lite's cp936
      '😀', // outside GBK: refused
      '\ufffd',
      'sx1.sh.社会保障',
      '北京市东城区测试路1号',
      '张三€',
    ];
    for (const s of samples) expect(hex(encodeGbk(s)), JSON.stringify(s)).toBe(iconvReference(s));
  });

  it('01-card: "sx1.sh.社会保障" is the 15 bytes the spec lists', () => {
    expect(hex(encodeGbk('sx1.sh.社会保障'))?.toUpperCase()).toBe('7378312E73682EC9E7BBE1B1A3D5CF');
  });
});
