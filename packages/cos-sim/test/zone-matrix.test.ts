/**
 * The zone matrix (01-card.md file tree and zone table, 03-security.md access rules): every file
 * × every combination of {PIN verified, each external-auth key of its DF authenticated} ×
 * {read, write} is allowed exactly where the spec's rule says. The expected rules are the
 * spec's tables copied below, never read from the image.
 */
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import type { CardImage, DedicatedFile, ElementaryFile } from '../src/image/types.js';
import { sw, toHex } from './helpers/bytes.js';
import { cardImage, GENERATIONS } from './helpers/images.js';
import { MASTER_KEYS, ministryKey, provinceKey, ZONE_MASTER_KEYS } from './helpers/spec-image.js';
import { byte, Terminal } from './helpers/terminal.js';

/** 01-card.md, as written there. */
const SPEC_RULES: Record<string, Record<string, { read: string; write: string }>> = {
  MF: {
    EF05: { read: 'FREE', write: 'KEY 04' },
    EF06: { read: 'FREE', write: 'KEY 04' },
    EF07: { read: 'KEY 07', write: 'KEY 04' },
    EF08: { read: 'KEY 07', write: 'KEY 04' },
    EF0D: { read: 'FREE', write: 'KEY 0D' },
  },
  DF01: { EF05: { read: 'PIN|KEY 01', write: 'KEY 02' }, EF06: { read: 'PIN|KEY 01', write: 'KEY 02' } },
  DF02: { EF05: { read: 'PIN|KEY 01', write: 'KEY 02' }, EF07: { read: 'PIN|KEY 01', write: 'KEY 02' } },
  DF03: { EF05: { read: 'PIN|KEY 01', write: 'KEY 02' }, EF07: { read: 'PIN|KEY 01', write: 'KEY 02' } },
  DF04: {
    EF05: { read: 'PIN|KEY 01', write: 'KEY 02' },
    EF06: { read: 'PIN+KEY 01', write: 'KEY 02' },
    EF08: { read: 'PIN|KEY 01', write: 'NEVER' }, // 12-payment: written by the card only
  },
};

/** 06-keys.md: external-authentication keys per DF, with their master and family. */
function extAuthKeys(gen: string, df: string): Array<{ id: number; master: string; ministry: boolean }> {
  if (df === 'MF') {
    return [
      { id: 0x04, master: MASTER_KEYS['MM-UB'], ministry: true },
      { id: 0x07, master: MASTER_KEYS['MM-RB'], ministry: true },
      ...(gen === '3g' ? [{ id: 0x0d, master: MASTER_KEYS['MM-UE'], ministry: true }] : []),
      { id: 0x0f, master: MASTER_KEYS['MP-MK'], ministry: false },
    ];
  }
  const m = ZONE_MASTER_KEYS[Number.parseInt(df.slice(2), 16) + 0xdf00]!;
  return [
    { id: 0x01, master: m.RK, ministry: false },
    { id: 0x02, master: m.UK, ministry: false },
    { id: 0x0f, master: m.MK, ministry: false },
  ];
}

function allowed(ruleText: string, pin: boolean, keys: Set<number>): boolean {
  if (ruleText === 'FREE') return true;
  if (ruleText === 'NEVER') return false;
  const [kind, id] = ruleText.split(' ');
  const key = keys.has(Number.parseInt(id ?? 'zz', 16));
  if (kind === 'KEY') return key;
  if (kind === 'PIN|KEY') return pin || key;
  if (kind === 'PIN+KEY') return pin && key;
  throw new Error(`rule not in the spec table: ${ruleText}`);
}

/** The image with DF04 already activated and one record in every cyclic file (so reads can succeed). */
function matrixImage(gen: '2g' | '3g'): CardImage {
  const image = cardImage(gen);
  const fill = (df: DedicatedFile): DedicatedFile => ({
    ...df,
    lifecycle: 'active',
    children: df.children.map((c) =>
      c.type === 'df'
        ? fill(c)
        : c.type === 'cyclic'
          ? { ...c, records: [new Uint8Array(c.recordLength).fill(7)] }
          : c,
    ),
  });
  return { ...image, mf: fill(image.mf) };
}

function efOf(image: CardImage, df: string, ef: string): ElementaryFile {
  const dir =
    df === 'MF'
      ? image.mf
      : (image.mf.children.find((c) => c.fid === Number.parseInt(df, 16)) as DedicatedFile);
  return dir.children.find((c) => c.fid === Number.parseInt(ef, 16)) as ElementaryFile;
}

describe.each(GENERATIONS)('%s zone matrix', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';
  const image = matrixImage(gen);
  const cases: Array<[string, string]> = [];
  for (const [df, files] of Object.entries(SPEC_RULES)) {
    for (const ef of Object.keys(files)) if (!(ef === 'EF0D' && gen === '2g')) cases.push([df, ef]);
  }

  test.each(cases)('01-card/03-security: %s %s read and write allowed exactly per its rule', (df, ef) => {
    const rules = SPEC_RULES[df]![ef]!;
    const keys = extAuthKeys(gen, df);
    const file = efOf(image, df, ef);
    const sfi = Number.parseInt(ef.slice(2), 16);
    const subjects = ['PIN', ...keys.map((k) => k.id)];
    const mismatches: string[] = [];
    for (let mask = 0; mask < 1 << subjects.length; mask++) {
      const pin = (mask & 1) !== 0;
      const authed = new Set(keys.filter((_, i) => mask & (1 << (i + 1))).map((k) => k.id));
      for (const op of ['read', 'write'] as const) {
        const card = new Card(image, { seed: mask });
        const t = new Terminal(card, alg);
        if (df !== 'MF') expect(t.select(df)).toBe(0x9000);
        if (pin) expect(t.sw('0020000003123456')).toBe('9000');
        for (const k of keys) {
          if (!authed.has(k.id)) continue;
          const cardKey = k.ministry ? ministryKey(alg, k.master) : provinceKey(alg, k.master);
          expect(t.externalAuthenticate(k.id, cardKey)).toBe(0x9000);
        }
        let response: Uint8Array;
        if (op === 'read') {
          response = t.send(
            file.type === 'transparent' ? `00B0${byte(0x80 | sfi)}0001` : `00B201${byte((sfi << 3) | 4)}00`,
          );
        } else if (file.type === 'transparent') {
          response = t.send(`00D6${byte(0x80 | sfi)}0001AA`);
        } else if (file.type === 'cyclic') {
          response = t.send(
            `00E200${byte(sfi << 3)}${byte(file.recordLength)}${'55'.repeat(file.recordLength)}`,
          );
        } else {
          const rec = file.records[0]!;
          response = t.send(`00DC01${byte((sfi << 3) | 4)}${byte(rec.length)}${toHex(rec)}`);
        }
        const expected = allowed(op === 'read' ? rules.read : rules.write, pin, authed) ? 0x9000 : 0x6982;
        if (sw(response) !== expected) {
          mismatches.push(
            `${op} with pin=${pin} keys=[${[...authed].map(byte)}]: ${toHex(response).slice(-4)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
