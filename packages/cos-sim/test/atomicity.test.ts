/**
 * 03-security "Atomicity": for every mutating command and every k, power cut right after the
 * k-th internal write leaves the card as before or as after the command, never between. The
 * PIN and key counters are their own committed step, spent before the comparison: for those
 * commands "spent" (before, with one try less) is the third whole state allowed. Since v2
 * (03-security.md) that includes every key a MAC is checked with, when it has a counter.
 */
import { reloadPinMac, sessionCryptogram } from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import type { CardImage, KeyObject } from '../src/image/types.js';
import { diffImages } from '../src/state/diff.js';
import { concat, hex } from './helpers/bytes.js';
import { cardImage, GENERATIONS, withEf } from './helpers/images.js';
import { MASTER_KEYS, ministryKey, provinceKey, ZONE_MASTER_KEYS } from './helpers/spec-image.js';
import { Terminal } from './helpers/terminal.js';

interface Scenario {
  name: string;
  /** Brings the card to the state before the command; returns the command. */
  setup(t: Terminal): Uint8Array;
  /** A variant of the profile image, when the command needs room the profile has not. */
  image?: () => CardImage;
  /** Which counter the command spends before comparing, if any. */
  spends?: { df: number | null; id: number; type: KeyObject['type'] };
}

function withTriesSpent(image: CardImage, spends: NonNullable<Scenario['spends']>): CardImage {
  const patchKeys = (keys: CardImage['mf']['keys']) =>
    keys.map((k) =>
      k.id === spends.id && k.type === spends.type ? { ...k, triesLeft: k.triesLeft - 1 } : k,
    );
  if (spends.df === null) return { ...image, mf: { ...image.mf, keys: patchKeys(image.mf.keys) } };
  return {
    ...image,
    mf: {
      ...image.mf,
      children: image.mf.children.map((c) =>
        c.type === 'df' && c.fid === spends.df ? { ...c, keys: patchKeys(c.keys) } : c,
      ),
    },
  };
}

describe.each(GENERATIONS)('%s atomicity under power cuts', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';
  const ub = ministryKey(alg, MASTER_KEYS['MM-UB']);
  const stk = provinceKey(alg, MASTER_KEYS['MP-STK']);
  const df02 = ZONE_MASTER_KEYS[0xdf02]!;
  const pin = { df: null, id: 0, type: 'pin' as const };
  const mfLineKey = { df: null, id: 3, type: 'line-protection' as const };

  const scenarios: Scenario[] = [
    { name: 'VERIFY wrong PIN', setup: () => hex('0020000003111111'), spends: pin },
    {
      name: 'VERIFY right PIN after a wrong one',
      setup: (t) => {
        t.send('0020000003111111');
        return hex('0020000003123456');
      },
      spends: pin,
    },
    { name: 'CHANGE PIN', setup: () => hex('805E010007123456FF654321'), spends: pin },
    { name: 'CHANGE PIN wrong old PIN', setup: () => hex('805E010007111111FF654321'), spends: pin },
    {
      name: 'RELOAD PIN',
      setup: () => {
        const key = provinceKey(alg, MASTER_KEYS['MP-RPK']);
        return concat(hex('805E000007'), hex('654321'), reloadPinMac(alg, key, hex('654321')).subarray(0, 4));
      },
      spends: { df: null, id: 2, type: 'pin-reload' },
    },
    {
      name: 'PIN UNBLOCK',
      setup: (t) => {
        const puk = provinceKey(alg, MASTER_KEYS['MP-PUK']);
        return t.protectedCommand(0x80, 0x24, 0, 0, hex('654321'), puk, { encryptionKey: puk });
      },
      spends: { df: null, id: 1, type: 'pin-unblock' },
    },
    {
      name: 'EXTERNAL AUTHENTICATE right',
      setup: (t) => {
        const r = t.challenge();
        const x = new Uint8Array(t.blockSize).fill(3);
        return concat(hex(`00820004${(2 * t.blockSize).toString(16)}`), sessionCryptogram(alg, ub, r, x), x);
      },
      spends: { df: null, id: 4, type: 'external-auth' },
    },
    {
      name: 'EXTERNAL AUTHENTICATE wrong',
      setup: (t) => {
        t.challenge();
        return hex(`00820004${(2 * t.blockSize).toString(16)}${'00'.repeat(2 * t.blockSize)}`);
      },
      spends: { df: null, id: 4, type: 'external-auth' },
    },
    {
      name: 'UPDATE BINARY',
      setup: (t) => {
        t.externalAuthenticate(4, ub);
        return hex(`00D6880010${'77'.repeat(16)}`);
      },
    },
    {
      name: 'UPDATE RECORD',
      setup: (t) => {
        t.externalAuthenticate(4, ub);
        return hex('00DC022C03020134');
      },
    },
    {
      name: 'APPEND RECORD (cyclic)',
      setup: (t) => {
        t.select('DF02');
        t.externalAuthenticate(2, provinceKey(alg, df02.UK));
        return hex(`00E2003817${'42'.repeat(23)}`);
      },
    },
    {
      name: 'APPEND RECORD (variable)',
      // the profile's variable files are full (maxRecords = records): give DF02 EF05 room
      image: () =>
        withEf(cardImage(gen), 0xdf02, 0xef05, (ef) =>
          ef.type === 'variable' ? { ...ef, maxRecords: 5 } : ef,
        ),
      setup: (t) => {
        t.select('DF02');
        t.externalAuthenticate(2, provinceKey(alg, df02.UK));
        return hex('00E2002803430131');
      },
    },
    {
      name: 'APPLICATION BLOCK',
      setup: (t) => t.protectedCommand(0x80, 0x1e, 0, 0, new Uint8Array(0), stk),
      spends: mfLineKey,
    },
    {
      name: 'APPLICATION UNBLOCK (DF04 activation)',
      setup: (t) => {
        t.send('00A4000002DF04');
        return t.protectedCommand(
          0x80,
          0x18,
          0,
          0,
          new Uint8Array(0),
          provinceKey(alg, ZONE_MASTER_KEYS[0xdf04]!.STK),
        );
      },
      spends: { df: 0xdf04, id: 3, type: 'line-protection' },
    },
    {
      name: 'CARD BLOCK',
      setup: (t) => t.protectedCommand(0x80, 0x16, 0, 0, new Uint8Array(0), stk),
      spends: mfLineKey,
    },
  ];

  test.each(scenarios.map((s) => [s.name, s] as const))(
    '%s: old or new state after a cut at every write',
    (_name, s) => {
      const prepare = () => {
        const card = new Card(s.image ? s.image() : cardImage(gen), { seed: 99 });
        const t = new Terminal(card, alg);
        const cmd = s.setup(t);
        return { card, cmd };
      };
      const reference = prepare();
      const old = reference.card.image;
      const response = reference.card.transmit(reference.cmd);
      expect(response.length).toBeGreaterThanOrEqual(2);
      const after = reference.card.image;
      if (!s.spends) expect(diffImages(old, after)).not.toEqual([]); // the command does change the card
      const allowed = [old, after];
      if (s.spends) allowed.push(withTriesSpent(old, s.spends));
      const isAllowed = (image: CardImage) => allowed.some((a) => diffImages(a, image).length === 0);

      let cuts = 0;
      for (let k = 1; k < 20; k++) {
        const { card, cmd } = prepare();
        expect(cmd).toEqual(reference.cmd); // same seed, same challenge, same command
        card.cutPowerAfterWrites(k);
        const r = card.transmit(cmd);
        expect(isAllowed(card.image)).toBe(true);
        if (r.length > 0) {
          expect(r).toEqual(response); // no cut: k was beyond the command's last write
          expect(diffImages(after, card.image)).toEqual([]);
          break;
        }
        cuts++;
      }
      expect(cuts).toBeGreaterThanOrEqual(1);
    },
  );
});
