/** BER-TLV (ISO/IEC 7816-4 §5.2) and the card's FCI (01-card "SELECT answer"). */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  ApduError,
  type BerTlv,
  type BerTlvInput,
  BerTlvWriter,
  encodeBerLength,
  encodeBerTlv,
  findBerTlv,
  fromHex,
  isConstructedTag,
  parseBerTlv,
  toHex,
} from '../src/index.js';
import { codeOf } from './helpers/error-code.js';

const SSSE_NAME = '7378312E73682EC9E7BBE1B1A3D5CF'; // "sx1.sh.社会保障", 01-card file tree

describe('BER-TLV parse', () => {
  test('01-card SELECT answer: FCI 6F with 84 (DF name) and A5 whose 9F0C holds 86 01 03 (SM4)', () => {
    const fci = fromHex(`6F19840F${SSSE_NAME}A5069F0C03860103`);
    const list = parseBerTlv(fci);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ tag: 0x6f, constructed: true });
    expect(toHex(findBerTlv(list, 0x84)!.value)).toBe(SSSE_NAME);
    const prop = findBerTlv(list, 0x9f0c)!;
    expect(prop.constructed).toBe(false);
    expect(toHex(prop.value)).toBe('860103');
    const alg = parseBerTlv(prop.value)[0]!;
    expect(alg.tag).toBe(0x86);
    expect(toHex(alg.value)).toBe('03');
  });

  test('ISO 7816-4 §5.2.2.1: multi-byte tags 5F2D, 9F0C and the 3-byte 5F8101', () => {
    const list = parseBerTlv(fromHex('5F2D02656E9F0C01AA5F810100'));
    expect(list.map((t) => t.tag)).toEqual([0x5f2d, 0x9f0c, 0x5f8101]);
    expect(toHex(list[0]!.value)).toBe('656E');
    expect(list[2]!.value).toHaveLength(0);
  });

  test('ISO 7816-4 §5.2.2.2: long lengths 81xx and 82xxxx', () => {
    const v200 = new Uint8Array(200).fill(0x11);
    const v300 = new Uint8Array(300).fill(0x22);
    const list = parseBerTlv(Uint8Array.from([0x53, 0x81, 200, ...v200, 0x53, 0x82, 0x01, 0x2c, ...v300]));
    expect(list.map((t) => t.value.length)).toEqual([200, 300]);
    expect(list[1]!.value.every((b) => b === 0x22)).toBe(true);
  });

  test.each([
    ['length beyond the data', '8005AABB'],
    ['length field truncated', '8082AA'],
    ['indefinite length 80', '6F80'],
    ['tag truncated', '9F'],
    ['length missing', '84'],
    ['constructed content malformed', '6F038402AA'],
  ])('ISO 7816-4 §5.2: malformed BER-TLV (%s) → ApduError bad-tlv', (_what, hex) => {
    expect(codeOf(() => parseBerTlv(fromHex(hex)))).toBe('bad-tlv');
  });

  test('ISO 7816-4 §5.2: nesting beyond maxDepth → ApduError tlv-too-deep (untrusted input)', () => {
    let nested = fromHex('8000');
    for (let i = 0; i < 20; i++) nested = Uint8Array.from([0xa0, nested.length, ...nested]);
    expect(codeOf(() => parseBerTlv(nested))).toBe('tlv-too-deep');
    expect(codeOf(() => parseBerTlv(nested, { maxDepth: 21 }))).toBeUndefined();
    // Top level = 1; the (empty) content of the inner A0 is level 3.
    expect(codeOf(() => parseBerTlv(fromHex('A002A000'), { maxDepth: 2 }))).toBe('tlv-too-deep');
    expect(codeOf(() => parseBerTlv(fromHex('A002A000'), { maxDepth: 3 }))).toBeUndefined();
  });

  test.prop([fc.uint8Array({ maxLength: 300 })])('random bytes: only ApduError is ever thrown', (bytes) => {
    try {
      parseBerTlv(bytes, { maxDepth: 4 });
    } catch (e) {
      expect(e).toBeInstanceOf(ApduError);
    }
  });
});

describe('BER-TLV write', () => {
  test('ISO 7816-4 §5.2.2.2: shortest definite length forms', () => {
    expect(encodeBerLength(0x7f)).toEqual([0x7f]);
    expect(encodeBerLength(0x80)).toEqual([0x81, 0x80]);
    expect(encodeBerLength(0xff)).toEqual([0x81, 0xff]);
    expect(encodeBerLength(0x100)).toEqual([0x82, 0x01, 0x00]);
    expect(encodeBerLength(0x10000)).toEqual([0x83, 0x01, 0x00, 0x00]);
  });

  test('ISO 7816-4 §5.2.2.2: the writer back-patches lengths of 1, 2 and 3 bytes', () => {
    for (const [valueLen, header] of [
      [0x7b, '6F7D807B'], // content 2 + 7B = 7D: short form
      [0x7e, '6F8180807E'], // content 2 + 7E = 80: 81 80
      [0x1000, '6F82100480821000'], // content 4 + 1000 = 1004: 82 10 04
    ] as const) {
      const bytes = new BerTlvWriter().begin(0x6f).primitive(0x80, new Uint8Array(valueLen)).end().toBytes();
      expect(parseBerTlv(bytes)[0]!.children![0]!.value.length).toBe(valueLen);
      expect(toHex(bytes.subarray(0, header.length / 2))).toBe(header);
    }
  });

  test('the writer: end() without begin() and toBytes() with an object open → bad-tlv', () => {
    expect(codeOf(() => new BerTlvWriter().end())).toBe('bad-tlv');
    expect(codeOf(() => new BerTlvWriter().begin(0x6f).toBytes())).toBe('bad-tlv');
  });

  test('ISO 7816-4 §5.2.2.1: bit 6 of the first tag byte marks constructed objects', () => {
    expect(isConstructedTag(0x6f)).toBe(true);
    expect(isConstructedTag(0xa5)).toBe(true);
    expect(isConstructedTag(0x84)).toBe(false);
    expect(isConstructedTag(0x9f0c)).toBe(false);
    expect(isConstructedTag(0xbf0c)).toBe(true);
  });

  // Well-formed tags: one byte (low 5 bits ≠ 11111, not 00/FF) or 1F-class byte + one byte 01..7F.
  const oneByteTag = fc.integer({ min: 1, max: 0xfe }).filter((t) => (t & 0x1f) !== 0x1f);
  const twoByteTag = fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 0x7f }))
    .map(([cls, b]) => (((cls << 5) | 0x1f) << 8) | b);
  const tag = fc.oneof(oneByteTag, twoByteTag);
  const node: fc.Arbitrary<BerTlvInput> = fc.letrec<{ node: BerTlvInput }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ tag: tag.filter((t) => !isConstructedTag(t)), value: fc.uint8Array({ maxLength: 300 }) }),
      fc.record({
        tag: tag.filter((t) => isConstructedTag(t)),
        children: fc.array(tie('node'), { maxLength: 3 }),
      }),
    ),
  })).node;

  function shape(t: BerTlvInput | BerTlv): unknown {
    return 'children' in t && t.children
      ? { tag: t.tag, children: t.children.map(shape) }
      : { tag: t.tag, value: toHex((t as { value: Uint8Array }).value) };
  }

  test.prop([fc.array(node, { maxLength: 4 })])(
    'ISO 7816-4 §5.2: parse ∘ encode is the identity on trees',
    (list) => {
      const bytes = encodeBerTlv(list);
      const back = parseBerTlv(bytes, { maxDepth: 64 });
      expect(back.map(shape)).toEqual(list.map(shape));
      expect(encodeBerTlv(back)).toEqual(bytes);
    },
  );
});
