/**
 * Fuzz (task: "fuzz"): SSC_FUZZ_RUNS (default 100,000; `pnpm fuzz` 1,000,000) random and
 * mutated APDUs per built-in profile, from a seeded generator, mixed with real authenticated
 * sessions so deep states are reached. Properties, for every exchange:
 * - transmit never throws and always answers a status word, never 6F00 (02-commands.md);
 * - no response contains a key value, nor an 8-byte half of one (03-security.md "Keys");
 * - the PIN counter never rises without a successful VERIFY, CHANGE PIN, RELOAD or UNBLOCK.
 */
import { sessionCryptogram } from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import type { CardImage, DedicatedFile } from '../src/image/types.js';
import { concat, hex, toHex } from './helpers/bytes.js';
import { FUZZ_RUNS, fuzzTimeout, rng } from './helpers/fuzz.js';
import { cardImage, GENERATIONS } from './helpers/images.js';
import { MASTER_KEYS, ministryKey, provinceKey, ZONE_MASTER_KEYS } from './helpers/spec-image.js';

/** 02-commands "Status words the card may answer" (6F00 excluded: it would be a fault). */
const ALLOWED_SW = /^(9000|61..|6281|6283|63C.|6581|6700|6881|698[1-8]|6A8[0-468]|6B00|6C..|6D00|6E00|9303)$/;

const RUNS = FUZZ_RUNS;
/** A fresh card every so many APDUs, so a CARD BLOCK or a blocked PIN does not end the exploration. */
const CARD_LIFETIME = 3_000;

const TEMPLATES = [
  '00A404000F7378312E73682EC9E7BBE1B1A3D5CF',
  '00A40000023F00',
  '00A4000002DF01',
  '00A4000002DF02',
  '00A4000002DF03',
  '00A4000002DF04',
  '00A4000002EF05',
  '00A4020002EF07',
  '00B2012C00',
  '00B2093000',
  '00B20A3200',
  '00B2013C00',
  '00B2010400',
  '00B0870000',
  '00B0000008',
  '04B0870004AABBCCDD',
  '04B2012C04AABBCCDD00',
  '00D6870002AABB',
  '00DC022C03020134',
  `00E2003817${'11'.repeat(23)}`,
  '00E2002803430131',
  '0084000008',
  '0084000004',
  '0084000010',
  '00C0000000',
  '00C0000005',
  '0020000003123456',
  '0020000003111111',
  '00200000',
  '805E010007123456FF123456',
  '805E00000712345600000000',
  `8424000008${'00'.repeat(8)}`,
  '841E00000400000000',
  '841800000400000000',
  '841600000400000000',
  `0082000410${'00'.repeat(16)}`,
  `0088000508${'01'.repeat(8)}`,
  `0088000510${'01'.repeat(16)}`,
];

function allKeyValues(df: DedicatedFile, out: Uint8Array[]): Uint8Array[] {
  for (const k of df.keys) if (k.type !== 'pin') out.push(k.value);
  for (const c of df.children) if (c.type === 'df') allKeyValues(c, out);
  return out;
}

/** Every 16-byte key and its 8-byte halves, indexed by their first 4 bytes. */
function keyIndex(image: CardImage): Map<number, Uint8Array[]> {
  const index = new Map<number, Uint8Array[]>();
  for (const v of allKeyValues(image.mf, [])) {
    for (const piece of [v, v.subarray(0, 8), v.subarray(8, 16)]) {
      if (piece.length < 8) continue;
      const head = ((piece[0]! << 24) | (piece[1]! << 16) | (piece[2]! << 8) | piece[3]!) >>> 0;
      index.set(head, [...(index.get(head) ?? []), piece]);
    }
  }
  return index;
}

function containsKey(response: Uint8Array, index: Map<number, Uint8Array[]>): boolean {
  for (let i = 0; i + 8 <= response.length; i++) {
    const head =
      ((response[i]! << 24) | (response[i + 1]! << 16) | (response[i + 2]! << 8) | response[i + 3]!) >>> 0;
    const candidates = index.get(head);
    if (!candidates) continue;
    for (const c of candidates) {
      if (i + c.length > response.length) continue;
      let same = true;
      for (let j = 4; j < c.length && same; j++) same = response[i + j] === c[j];
      if (same) return true;
    }
  }
  return false;
}

function pinTries(image: CardImage): number {
  return image.mf.keys.find((k) => k.type === 'pin')?.triesLeft ?? -1;
}

describe.each(GENERATIONS)('%s fuzz', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';
  const bs = gen === '2g' ? 8 : 16;
  const realKeys: Array<[string, number, Uint8Array]> = [
    ['3F00', 0x04, ministryKey(alg, MASTER_KEYS['MM-UB'])],
    ['3F00', 0x07, ministryKey(alg, MASTER_KEYS['MM-RB'])],
    ['DF01', 0x01, provinceKey(alg, ZONE_MASTER_KEYS[0xdf01]!.RK)],
    ['DF02', 0x02, provinceKey(alg, ZONE_MASTER_KEYS[0xdf02]!.UK)],
  ];

  test(
    `${RUNS} random and mutated APDUs: no throw, no 6F00, no key bytes, PIN counter never rises unasked`,
    () => {
      const started = performance.now();
      const r = rng(gen === '2g' ? 0x5eed2 : 0x5eed3);
      const base = cardImage(gen);
      const templates = TEMPLATES.map(hex);
      const failures: string[] = [];
      const onFault = (e: unknown, apdu: Uint8Array) => failures.push(`${toHex(apdu)} faulted: ${String(e)}`);
      let card = new Card(base, { seed: 1, onFault });
      let index = keyIndex(card.image);
      let indexedImage = card.image;
      let lastChallenge: Uint8Array | null = null;
      const seenSw = new Set<string>();

      for (let i = 0; i < RUNS && failures.length < 5; i++) {
        if (i % CARD_LIFETIME === 0) card = new Card(base, { seed: i, onFault });
        let apdu: Uint8Array;
        const roll = r.int(100);
        if (roll < 2) {
          card.reset();
          continue;
        } else if (roll < 7 && lastChallenge !== null) {
          // a real session-form authentication, so states behind the keys are explored
          const [, kid, key] = realKeys[r.int(realKeys.length)]!;
          const x = new Uint8Array(bs).fill(r.byte());
          apdu = concat(
            hex(`008200${kid.toString(16).padStart(2, '0')}${(2 * bs).toString(16)}`),
            sessionCryptogram(alg, key, lastChallenge, x),
            x,
          );
        } else if (roll < 30) {
          apdu = new Uint8Array(r.int(48)).map(() => r.byte());
        } else {
          apdu = templates[r.int(templates.length)]!.slice();
          const mutations = r.int(4);
          for (let m = 0; m < mutations; m++) {
            const kind = r.int(5);
            if (kind === 0 && apdu.length > 0) apdu[r.int(apdu.length)] = r.byte();
            else if (kind === 1) apdu = apdu.subarray(0, r.int(apdu.length + 1));
            else if (kind === 2)
              apdu = concat(
                apdu,
                new Uint8Array(1 + r.int(4)).map(() => r.byte()),
              );
            else if (kind === 3 && apdu.length >= 4) apdu[2 + r.int(2)] = r.byte();
            else if (kind === 4 && apdu.length >= 1) apdu[0] = [0x00, 0x04, 0x80, 0x84, r.byte()][r.int(5)]!;
          }
        }
        const triesBefore = pinTries(card.image);
        let response: Uint8Array;
        try {
          response = card.transmit(apdu);
        } catch (e) {
          failures.push(`${toHex(apdu)} threw ${(e as Error).message}`);
          continue;
        }
        const sw = response.length >= 2 ? toHex(response.subarray(response.length - 2)) : '';
        seenSw.add(sw);
        if (response.length < 2) failures.push(`${toHex(apdu)} → no status word`);
        if (!ALLOWED_SW.test(sw)) failures.push(`${toHex(apdu)} → ${sw}, not a status word of 02-commands`);
        if (card.image !== indexedImage) {
          index = keyIndex(card.image);
          indexedImage = card.image;
        }
        if (containsKey(response, index)) failures.push(`${toHex(apdu)} → key bytes in ${toHex(response)}`);
        const triesAfter = pinTries(card.image);
        if (triesAfter > triesBefore) {
          const ins = apdu[1];
          const ok = sw === '9000' && (ins === 0x20 || ins === 0x5e || ins === 0x24);
          if (!ok)
            failures.push(`${toHex(apdu)} → ${sw} raised the PIN counter ${triesBefore} → ${triesAfter}`);
        }
        lastChallenge = apdu[1] === 0x84 && sw === '9000' ? response.subarray(0, response.length - 2) : null;
      }
      expect(failures).toEqual([]);
      // the run explored: successes, authentication outcomes and most error classes were seen
      for (const expected of ['9000', '6700', '6A86', '6982', '6D00', '6E00', '6A82', '6984']) {
        expect(seenSw.has(expected), `status word ${expected} seen`).toBe(true);
      }
      process.stdout.write(
        `fuzz ${gen}: ${RUNS} APDUs in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
    },
    fuzzTimeout(),
  );
});
