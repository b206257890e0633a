/** ATR (ISO/IEC 7816-3 §8.2) and the card's and PSAM's ATRs (01-card "ATR", 05-psam "Card image"). */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  ApduError,
  type AtrInterfaceGroup,
  atrOfferingT1,
  buildAtr,
  decodeSscHistorical,
  fromHex,
  parseAtr,
  toHex,
} from '../src/index.js';
import { codeOf } from './helpers/error-code.js';

const CARD_ATR = '3B6D000000905431168660261122000001';
const PSAM_ATR = '3B6C000000905053414D000000000001';

describe('ATR', () => {
  test('issue 9 item 8: a T=1 card announces T=1 (TD1 81, TD2 31, TA3 IFSC FE, TB3 45) and a TCK, history and TB1/TC1 kept', () => {
    // TCK F7 = XOR of T0..last, computed outside this library (python3: functools.reduce(xor, b[1:])).
    const t1 = atrOfferingT1(fromHex(CARD_ATR));
    expect(toHex(t1)).toBe('3BED00008131FE4500905431168660261122000001F7');
    const atr = parseAtr(t1);
    expect(atr.protocols).toEqual([1]);
    expect(toHex(atr.historical)).toBe('00905431168660261122000001');
    // already offering T=1: unchanged
    expect(toHex(atrOfferingT1(t1))).toBe(toHex(t1));
    const contactless = '3B8D800100905431168660261122000001 1D'.replace(' ', '');
    expect(toHex(atrOfferingT1(fromHex(contactless)))).toBe(contactless);
  });

  test('01-card ATR: 3B6D0000 = TB1 00, TC1 00, 13 historical bytes, T=0 only, no TCK', () => {
    const atr = parseAtr(fromHex(CARD_ATR));
    expect(atr.convention).toBe('direct');
    expect(atr.groups).toEqual([{ tb: 0, tc: 0 }]);
    expect(toHex(atr.historical)).toBe('00905431168660261122000001');
    expect(atr.protocols).toEqual([0]);
    expect(atr.tck).toBeNull();
    expect(toHex(buildAtr({ groups: [{ tb: 0, tc: 0 }], historical: atr.historical }))).toBe(CARD_ATR);
  });

  test('01-card ATR historical bytes: chip maker 0090, COS 543116, card maker 8660, serial 261122000001', () => {
    const h = decodeSscHistorical(parseAtr(fromHex(CARD_ATR)).historical)!;
    expect(h.kind).toBe('card');
    expect(toHex(h.chipMaker)).toBe('0090');
    expect(toHex(h.cos)).toBe('543116');
    expect(toHex(h.cardMaker!)).toBe('8660');
    expect(toHex(h.serial)).toBe('261122000001');
  });

  test('05-psam card image: ATR 3B6C0000 0090 "PSAM" serial 000000000001', () => {
    const atr = parseAtr(fromHex(PSAM_ATR));
    expect(atr.historical).toHaveLength(12);
    expect(atr.protocols).toEqual([0]);
    const h = decodeSscHistorical(atr.historical)!;
    expect(h.kind).toBe('psam');
    expect(new TextDecoder().decode(h.cos)).toBe('PSAM');
    expect(toHex(h.serial)).toBe('000000000001');
    expect(toHex(buildAtr({ groups: [{ tb: 0, tc: 0 }], historical: atr.historical }))).toBe(PSAM_ATR);
  });

  test('ISO 7816-3 §8.2.5: T=0 and T=1 offered → TCK present and checked', () => {
    // The ATR PC/SC readers synthesise for a contactless card: TD1=80, TD2=01, TCK 6A.
    const hex = '3B8F8001804F0CA000000306030001000000006A';
    const atr = parseAtr(fromHex(hex));
    expect(atr.protocols).toEqual([0, 1]);
    expect(atr.tck).toBe(0x6a);
    expect(toHex(buildAtr(atr))).toBe(hex);
    const bad = fromHex(hex);
    bad[bad.length - 1] = 0x6b;
    expect(codeOf(() => parseAtr(bad))).toBe('bad-atr');
  });

  test('ISO 7816-3 §8.2.3: T=15 (global bytes) is not a protocol offered, but it makes TCK present', () => {
    const bytes = buildAtr({
      groups: [{ protocol: 0 }, { protocol: 15 }, { ta: 0x07 }],
      historical: new Uint8Array(0),
    });
    expect(toHex(bytes)).toBe('3B80801F0718');
    const atr = parseAtr(bytes);
    expect(atr.protocols).toEqual([0]);
    expect(atr.tck).toBe(0x18); // 80 ⊕ 80 ⊕ 1F ⊕ 07
  });

  test.each([
    ['TS neither 3B nor 3F', '3A00'],
    ['too short', '3B'],
    ['historical bytes missing', '3B6D00000090'],
    ['interface bytes missing', '3BF0'],
    ['trailing bytes', '3B0000'],
    ['TCK missing when T=1 offered', '3B8001'],
  ])('ISO 7816-3 §8.2: malformed ATR (%s) → bad-atr', (_what, hex) => {
    expect(codeOf(() => parseAtr(fromHex(hex)))).toBe('bad-atr');
  });

  const byte = fc.integer({ min: 0, max: 255 });
  const group = (last: boolean): fc.Arbitrary<AtrInterfaceGroup> =>
    fc.record(
      { ta: byte, tb: byte, tc: byte, protocol: fc.integer({ min: 0, max: 15 }) },
      { requiredKeys: last ? [] : ['protocol'] },
    );
  const groups = fc
    .integer({ min: 0, max: 4 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => group(i === n - 1))));

  test.prop([
    fc.constantFrom<'direct' | 'inverse'>('direct', 'inverse'),
    groups,
    fc.uint8Array({ maxLength: 15 }),
  ])(
    'ISO 7816-3 §8.2: build ∘ parse ∘ build = build; fields and protocols survive',
    (convention, gs, historical) => {
      const bytes = buildAtr({ convention, groups: gs, historical });
      const atr = parseAtr(bytes);
      expect(atr.convention).toBe(convention);
      expect(atr.historical).toEqual(historical);
      expect(buildAtr(atr)).toEqual(bytes);
      const offered = gs.flatMap((g) => (g.protocol === undefined || g.protocol === 15 ? [] : [g.protocol]));
      expect(atr.protocols).toEqual(offered.length ? [...new Set(offered)] : [0]);
      for (const [i, g] of gs.entries()) {
        expect(atr.groups[i]?.ta).toBe(g.ta);
        expect(atr.groups[i]?.tb).toBe(g.tb);
        expect(atr.groups[i]?.tc).toBe(g.tc);
      }
    },
  );

  test.prop([fc.uint8Array({ maxLength: 40 })])('random bytes: only ApduError is ever thrown', (bytes) => {
    try {
      parseAtr(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(ApduError);
    }
  });
});
