/**
 * A MAC-checked command writes its key's try counter twice (spent before the check, given back
 * after a good MAC; 03-security.md §v2), and the transaction reuses the images such writes gave
 * before instead of copying the DF path again (engine/transaction.ts `setTriesLeft`). These
 * tests send the same commands many times, so that most writes are remembered ones, and check
 * every image against the counters it must hold — under power cuts and failed saves too.
 */
import { protectCommand } from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import type { CardImage, DedicatedFile, KeyObject } from '../src/image/types.js';
import { hex, toHex } from './helpers/bytes.js';
import { cardImage, GENERATIONS, withEf } from './helpers/images.js';

describe.each(GENERATIONS)('%s try counters written on every MAC-checked command', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';
  const bs = alg === 'sm4' ? 16 : 8;
  const challenge = new Uint8Array(bs).map((_, i) => i + 1);

  /** DF01 EF05 readable FREE +SM (a MAC-checked read under DF01's line key), T=1. */
  const base: CardImage = withEf(cardImage(gen, 'T1'), 0xdf01, 0xef05, (ef) => ({
    ...ef,
    read: { kind: 'FREE', sm: true },
  }));
  const df01 = base.mf.children.find((c): c is DedicatedFile => c.type === 'df' && c.fid === 0xdf01)!;
  const lineKey = df01.keys.find((k) => k.type === 'line-protection')!;
  const pin = base.mf.keys.find((k) => k.type === 'pin')!;

  /** The base image with DF01's line key at `line` tries and the PIN at `pinTries`. */
  const expected = (line: number, pinTries = pin.maxTries): CardImage => {
    const tries = (keys: readonly KeyObject[], match: KeyObject, n: number) =>
      keys.map((k) => (k.id === match.id && k.type === match.type ? { ...k, triesLeft: n } : k));
    return {
      ...base,
      mf: {
        ...base.mf,
        keys: tries(base.mf.keys, pin, pinTries),
        children: base.mf.children.map((c) =>
          c.type === 'df' && c.fid === 0xdf01 ? { ...c, keys: tries(c.keys, lineKey, line) } : c,
        ),
      },
    };
  };

  const fresh = (options: ConstructorParameters<typeof Card>[1] = {}) => {
    const card = new Card(base, { random: () => challenge, ...options });
    const enterDf01 = () => expect(toHex(card.transmit(hex('00A4000002DF01'))).slice(-4)).toBe('9000');
    enterDf01();
    /** GET CHALLENGE, then the read; `cut` arms the power-cut hook for the read alone. */
    const read = (key: Uint8Array, cut = 0) => {
      card.transmit(hex(`008400${bs.toString(16).padStart(4, '0')}`));
      if (cut > 0) card.cutPowerAfterWrites(cut);
      return card.transmit(
        protectCommand(alg, key, challenge, 0x00, 0xb2, 1, 0x2c, new Uint8Array(0), { le: 0 }),
      );
    };
    const right = (cut = 0) => read(lineKey.value, cut);
    // bit 1, not bit 0: DES ignores the parity bits, so a key with bit 0 flipped is the same key
    const wrong = (cut = 0) =>
      read(
        lineKey.value.map((b) => b ^ 0x02),
        cut,
      );
    const swOf = (r: Uint8Array) => toHex(r.subarray(r.length - 2));
    return { card, enterDf01, right, wrong, swOf };
  };

  test('good and wrong MACs, again and again, leave exactly the counters they must', () => {
    const { card, enterDf01, right, wrong, swOf } = fresh();
    const max = lineKey.maxTries;
    expect(max).toBeGreaterThan(2);
    for (let i = 0; i < 3; i++) {
      expect(swOf(right())).toBe('9000');
      expect(card.image).toEqual(expected(max));
    }
    expect(swOf(wrong())).toBe('6988');
    expect(card.image).toEqual(expected(max - 1));
    expect(swOf(right())).toBe('9000'); // a good MAC gives the spent try back
    expect(card.image).toEqual(expected(max));
    for (let i = 1; i <= 2; i++) {
      expect(swOf(wrong())).toBe('6988');
      expect(card.image).toEqual(expected(max - i));
    }
    // A PIN counter in between (another DF, another key): both counters stay what they are.
    card.transmit(hex('00A40000023F00'));
    expect(toHex(card.transmit(hex('0020000003111111')))).toBe('63C4');
    expect(card.image).toEqual(expected(max - 2, pin.maxTries - 1));
    expect(toHex(card.transmit(hex('0020000003123456')))).toBe('9000');
    expect(card.image).toEqual(expected(max - 2));
    enterDf01();
    for (let i = 0; i < 3; i++) {
      expect(swOf(right())).toBe('9000');
      expect(card.image).toEqual(expected(max));
    }
  });

  test('a power cut at either write of a good MAC, once the writes are known, leaves the card as before or spent', () => {
    const { card, enterDf01, right, wrong, swOf } = fresh();
    const max = lineKey.maxTries;
    for (let i = 0; i < 3; i++) expect(swOf(right())).toBe('9000');
    // Cut right after write k, before its commit: k = 1 (the spend) drops the spend with the
    // rest of the command, before any comparison; k = 2 (the restoration) keeps the spent try.
    for (const [k, left] of [
      [2, max - 1],
      [1, max],
      [2, max - 1],
    ] as const) {
      expect(right(k)).toHaveLength(0); // no answer: the card lost power
      expect(card.image).toEqual(expected(left));
      enterDf01();
      expect(swOf(right())).toBe('9000');
      expect(card.image).toEqual(expected(max));
    }
    expect(swOf(wrong())).toBe('6988');
    expect(wrong(1)).toHaveLength(0);
    expect(card.image).toEqual(expected(max - 1));
    enterDf01();
    expect(swOf(wrong())).toBe('6988');
    expect(card.image).toEqual(expected(max - 2));
  });

  test('a good MAC is a write: it is saved, and a save that fails answers 6581 like a wrong MAC', () => {
    const saved: CardImage[] = [];
    const ok = fresh({ onWrite: (image) => saved.push(image) });
    for (let i = 0; i < 3; i++) expect(ok.swOf(ok.right())).toBe('9000');
    expect(saved).toHaveLength(3);
    for (const image of saved) expect(image).toEqual(expected(lineKey.maxTries));

    // 03-security.md §v2: what cannot be made durable did not happen — for a right MAC as for
    // a wrong one, so a broken disk does not tell a right MAC from a wrong one.
    const broken = fresh({
      onWrite: () => {
        throw new Error('disk full');
      },
      onFault: () => {},
    });
    for (let i = 0; i < 3; i++) {
      broken.enterDf01();
      expect(broken.swOf(broken.right())).toBe('6581');
      broken.enterDf01();
      expect(broken.swOf(broken.wrong())).toBe('6581');
      expect(broken.card.image).toEqual(expected(lineKey.maxTries));
    }
  });
});
