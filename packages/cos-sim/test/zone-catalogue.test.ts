/**
 * The zone file catalogue (issue 10 item 3, docs/card.md "Zone file catalogue"): every file a
 * real card holds and public terminal software names is in the built-in card profiles, is
 * selectable by FID (never 6A82), has its structure, record tags and value lengths, and its
 * read rule. The table below is copied from docs/card.md (itself from the public reader
 * tables cited there), never read from the image.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import type { CardImage } from '../src/image/types.js';
import { buildImage, loadProfile } from '../src/profile/index.js';
import { toHex } from './helpers/bytes.js';
import { provinceKey } from './helpers/spec-image.js';
import { byte, Terminal } from './helpers/terminal.js';

type Entry =
  | { df: string; ef: string; kind: 'variable'; read: string; tags: Array<[string, number, number?]> }
  | { df: string; ef: string; kind: 'cyclic'; read: string; records: number; length: number }
  | { df: string; ef: string; kind: 'transparent'; read: string; size: number };

/** Tags with value length; a third number = how many occurrences (B-TLV items, default 1). */
const CATALOGUE: Entry[] = [
  {
    df: 'DF01',
    ef: 'EF07',
    kind: 'variable',
    read: 'PIN|KEY 01',
    tags: [
      ['29', 1],
      ['2A', 1],
    ],
  },
  { df: 'DF01', ef: 'EF08', kind: 'variable', read: 'PIN|KEY 01', tags: [['2B', 1]] },
  {
    df: 'DF01',
    ef: 'EF09',
    kind: 'variable',
    read: 'PIN|KEY 01',
    tags: [
      ['2E', 70],
      ['30', 9],
      ['32', 2],
    ],
  },
  {
    df: 'DF01',
    ef: 'EF0A',
    kind: 'variable',
    read: 'PIN|KEY 01',
    tags: [
      ['37', 3],
      ['38', 2],
      ['39', 4],
    ],
  },
  {
    df: 'DF01',
    ef: 'EF15',
    kind: 'variable',
    read: 'PIN|KEY 01',
    tags: [
      ['2A', 1],
      ['40', 52],
    ],
  },
  ...['EF16', 'EF17', 'EF18', 'EF19', 'EF1A'].map(
    (ef) => ({ df: 'DF01', ef, kind: 'transparent', read: 'FREE', size: 0x128 }) as const,
  ),
  {
    df: 'DF02',
    ef: 'EF06',
    kind: 'variable',
    read: 'PIN|KEY 01',
    tags: [
      ['4C', 4],
      ['4B', 5],
      ['4D', 3],
      ['60', 4],
      ['4F', 6],
      ['50', 3],
      ['3A', 7],
    ],
  },
  {
    df: 'DF02',
    ef: 'EF09',
    kind: 'variable',
    read: 'PIN|KEY 01',
    tags: [
      ['55', 16],
      ['56', 70],
      ['96', 4],
      ['97', 3],
    ],
  },
  {
    df: 'DF02',
    ef: 'EF15',
    kind: 'variable',
    read: 'PIN|KEY 01',
    tags: [
      ['99', 16],
      ['0F', 4],
      ['1F', 3],
    ],
  },
  { df: 'DF02', ef: 'EF16', kind: 'cyclic', read: 'PIN|KEY 01', records: 4, length: 18 },
  { df: 'DF03', ef: 'EF06', kind: 'variable', read: 'PIN|KEY 01', tags: [] },
  { df: 'DF03', ef: 'EF08', kind: 'variable', read: 'PIN|KEY 01', tags: [] },
  { df: 'DF03', ef: 'EF09', kind: 'variable', read: 'PIN|KEY 01', tags: [] },
  {
    df: 'DF03',
    ef: 'EF15',
    kind: 'variable',
    read: 'PIN|KEY 01',
    tags: [
      ['7A', 3],
      ['7B', 4],
      ['7C', 4],
    ],
  },
  {
    df: 'DF03',
    ef: 'EF16',
    kind: 'variable',
    read: 'PIN|KEY 01',
    tags: [
      ['51', 3],
      ['5F', 1],
    ],
  },
  { df: 'DF03', ef: 'EF17', kind: 'variable', read: 'PIN|KEY 01', tags: [] },
  {
    df: 'DF03',
    ef: 'EF18',
    kind: 'variable',
    read: 'PIN|KEY 01',
    tags: [
      ['74', 3],
      ['75', 3],
      ['76', 1],
      ['77', 4],
      ['78', 4],
    ],
  },
  {
    df: 'DF03',
    ef: 'EF19',
    kind: 'variable',
    read: 'PIN|KEY 01',
    tags: [
      ['79', 39, 2],
      ['75', 3],
      ['76', 1],
      ['77', 4],
      ['78', 4],
    ],
  },
  { df: 'DF04', ef: 'EF07', kind: 'variable', read: 'PIN|KEY 01', tags: [] },
  { df: 'DF04', ef: 'EF15', kind: 'cyclic', read: 'PIN|KEY 01', records: 8, length: 3 },
  {
    df: 'DF07',
    ef: 'EF05',
    kind: 'variable',
    read: 'KEY 01',
    tags: [
      ['F0', 2],
      ['F1', 1],
      ['F2', 4],
      ['F3', 3],
      ['F4', 4],
    ],
  },
  {
    df: 'DF07',
    ef: 'EF06',
    kind: 'variable',
    read: 'KEY 01',
    tags: [
      ['F5', 3],
      ['F6', 4],
      ['F7', 70],
    ],
  },
  {
    df: 'DF07',
    ef: 'EF07',
    kind: 'variable',
    read: 'KEY 01',
    tags: [
      ['F8', 4],
      ['F9', 1],
    ],
  },
];

/** B-TLV items: the inner items and their value lengths (docs/card.md). */
const INNER: Record<string, Array<[string, number]>> = {
  '40': [
    ['57', 3],
    ['58', 3],
    ['59', 40],
  ],
  '99': [
    ['10', 3],
    ['11', 4],
    ['12', 3],
  ],
  '79': [
    ['18', 3],
    ['19', 3],
    ['1A', 4],
    ['1B', 4],
    ['1C', 4],
    ['1D', 3],
    ['1E', 4],
  ],
};

/** 06-keys.md rule for test masters: SHA-256 of "ssc-cos test " + name, first 16 bytes. */
function labelMaster(name: string): string {
  return createHash('sha256').update(`ssc-cos test ${name}`).digest('hex').slice(0, 32).toUpperCase();
}

const PROFILES = [
  ['ssc-2g-des', '3des'],
  ['ssc-3g-sm4', 'sm4'],
  ['ssc-3g-des', '3des'],
] as const;

describe.each(PROFILES)('%s zone file catalogue', (profile, alg) => {
  const image = buildImage(loadProfile(profile));
  /** DF04 is issued temporarily blocked (01-card); its layout is checked as after activation. */
  const active: CardImage = {
    ...image,
    mf: {
      ...image.mf,
      children: image.mf.children.map((c) => (c.type === 'df' ? { ...c, lifecycle: 'active' } : c)),
    },
  };
  /** The PIN verified, then the DF selected. */
  const open = (df: string) => {
    const t = new Terminal(new Card(active, { seed: 1 }), alg);
    expect(t.sw('0020000003123456')).toBe('9000');
    expect(t.select(df)).toBe(0x9000);
    return t;
  };

  test.each(CATALOGUE.map((e) => [`${e.df} ${e.ef}`, e] as const))(
    'issue 10: %s is selectable by FID and by SFI, with its layout',
    (_, e) => {
      const t = open(e.df);
      expect(t.exchange(`00A4000002${e.ef}`).sw).toBe(0x9000);
      const sfi = Number.parseInt(e.ef.slice(2), 16);
      if (e.df === 'DF07') {
        // KEY 01 only (a PIN does not open it): 6982 until the read key is authenticated.
        expect(t.sw(`00B201${byte((sfi << 3) | 4)}00`)).toBe('6982');
        expect(t.externalAuthenticate(0x01, provinceKey(alg, labelMaster('MP-RK-DF07')))).toBe(0x9000);
      }
      if (e.kind === 'transparent') {
        const r = t.exchange(`00B0${byte(0x80 | sfi)}0000`);
        expect(r.sw).toBe(0x9000);
        expect(r.data.length).toBe(Math.min(256, e.size));
        const last = (e.size - 1).toString(16).padStart(4, '0');
        expect(t.exchange(`00B0${last}01`).sw).toBe(0x9000); // the EF is current: P1P2 = offset
        return;
      }
      if (e.kind === 'cyclic') {
        const r = t.exchange(`00B201${byte((sfi << 3) | 4)}00`);
        expect([r.sw, r.data.length]).toEqual([0x9000, e.length]);
        return;
      }
      if (e.tags.length === 0) {
        // Only the file's name is public: the file exists, holds no record yet ([decision]).
        expect(t.sw(`00B201${byte((sfi << 3) | 4)}00`)).toBe('6A83');
        return;
      }
      for (const [tag, length, count = 1] of e.tags) {
        for (let n = 0; n < count; n++) {
          // By identifier: first occurrence (P2 low bits 000), then next occurrences (010).
          const p2 = byte((sfi << 3) | (n === 0 ? 0 : 2));
          const r = t.exchange(`00B2${tag}${p2}00`);
          expect([tag, r.sw, toHex(r.data.subarray(0, 2))]).toEqual([tag, 0x9000, `${tag}${byte(length)}`]);
          expect(r.data.length).toBe(2 + length);
          const inner = INNER[tag];
          if (inner) {
            let at = 2;
            for (const [innerTag, innerLength] of inner) {
              expect(toHex(r.data.subarray(at, at + 2))).toBe(`${innerTag}${byte(innerLength)}`);
              at += 2 + innerLength;
            }
            expect(at).toBe(r.data.length);
          }
        }
      }
    },
  );

  test('issue 10: without the PIN or a key, zone files answer 6982 (their rule), never 6A82', () => {
    for (const e of CATALOGUE) {
      // An empty record file answers 6A83 first (02: object resolution comes before security).
      if (e.read === 'FREE' || (e.kind === 'variable' && e.tags.length === 0)) continue;
      const t = new Terminal(new Card(active, { seed: 1 }), alg);
      expect(t.select(e.df)).toBe(0x9000);
      const sfi = Number.parseInt(e.ef.slice(2), 16);
      const read =
        e.kind === 'transparent' ? `00B0${byte(0x80 | sfi)}0001` : `00B201${byte((sfi << 3) | 4)}00`;
      expect([e.df, e.ef, t.sw(read)]).toEqual([e.df, e.ef, '6982']);
    }
  });

  test('issue 10: in the issued (temporarily blocked) DF04 the new files are still selectable (SELECT stays allowed)', () => {
    const t = new Terminal(new Card(image, { seed: 1 }), alg);
    expect(t.select('DF04')).toBe(0x6283);
    for (const ef of ['EF07', 'EF15']) expect(t.sw(`00A4000002${ef}`)).toBe('9000');
  });

  test('issue 10: DF01 EF16–EF1A read FREE (reserved, never written: zeros)', () => {
    const t = new Terminal(new Card(image, { seed: 1 }), alg);
    expect(t.select('DF01')).toBe(0x9000);
    const r = t.exchange('00B0960000');
    expect([r.sw, r.data.every((b) => b === 0)]).toEqual([0x9000, true]);
  });
});
