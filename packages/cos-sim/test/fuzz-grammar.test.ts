/**
 * Grammar-aware fuzz (issue 15): real flows with the attacks of 03-security §v2 mixed in, not
 * only random bytes. SSC_FUZZ_RUNS APDUs per built-in profile (`pnpm fuzz`: 1,000,000), from a
 * seeded generator. Each flow authenticates for real, then attacks: the same cryptogram
 * replayed (stale: its challenge is spent), a cryptogram after a 4-byte challenge, a protected
 * command with one MAC bit flipped, a recorded protected command replayed under a new
 * challenge. Properties, for every exchange: no 6F00; no attack ever answers 9000; a flipped
 * MAC spends a try of its key (6988, counter down by one, or 6983 at 0); counters never rise
 * without a right MAC or cryptogram.
 */
import { protectCommand, sessionCryptogram } from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import type { CardImage, KeyObject } from '../src/image/types.js';
import { concat, hex, toHex } from './helpers/bytes.js';
import { FUZZ_RUNS, fuzzTimeout, rng } from './helpers/fuzz.js';
import { cardImage, GENERATIONS } from './helpers/images.js';
import { MASTER_KEYS, provinceKey, ZONE_MASTER_KEYS } from './helpers/spec-image.js';

const RUNS = FUZZ_RUNS;
const ZONES = [0xdf01, 0xdf02, 0xdf03];

const swOf = (r: Uint8Array) => toHex(r.subarray(r.length - 2));
const hex2 = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();

function mfLineKey(image: CardImage): KeyObject {
  return image.mf.keys.find((k) => k.type === 'line-protection')!;
}

describe.each(GENERATIONS)('%s grammar-aware fuzz', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';
  const bs = alg === 'sm4' ? 16 : 8;
  const zoneKey = (df: number) => provinceKey(alg, ZONE_MASTER_KEYS[df]!.RK);
  const stk = provinceKey(alg, MASTER_KEYS['MP-STK']);

  test(
    `${RUNS} APDUs of real flows with replays, stale cryptograms and flipped MACs`,
    () => {
      const started = performance.now();
      const next = rng(gen === '2g' ? 0xa77ac2 : 0xa77ac3).int;
      const failures: string[] = [];
      const counts = { apdus: 0, replays: 0, short: 0, flips: 0, recorded: 0 };
      let card = new Card(cardImage(gen), { seed: 3, onFault: (e) => failures.push(`fault ${String(e)}`) });
      const send = (apdu: Uint8Array): string => {
        counts.apdus++;
        const sw = swOf(card.transmit(apdu));
        if (sw === '6F00') failures.push(`${toHex(apdu)} → 6F00`);
        return sw;
      };
      const challenge = (n: number) => {
        counts.apdus++;
        const r = card.transmit(hex(`00840000${hex2(n)}`));
        return r.subarray(0, r.length - 2).slice();
      };
      let recorded: Uint8Array | null = null;
      while (counts.apdus < RUNS && failures.length < 5) {
        if (next(200) === 0 || mfLineKey(card.image).triesLeft === 0) {
          card = new Card(cardImage(gen), {
            seed: counts.apdus,
            onFault: (e) => failures.push(`fault ${String(e)}`),
          });
        }
        const df = ZONES[next(ZONES.length)]!;
        send(hex('00A404000F7378312E73682EC9E7BBE1B1A3D5CF'));
        send(hex(`00A4000002${hex2(df >> 8)}${hex2(df & 0xff)}`));
        const x = Uint8Array.from({ length: bs }, () => next(256));
        const r = challenge(bs);
        const auth = concat(hex(`00820001${hex2(2 * bs)}`), sessionCryptogram(alg, zoneKey(df), r, x), x);
        if (send(auth) !== '9000') failures.push(`real authentication of ${df.toString(16)} failed`);
        switch (next(4)) {
          case 0: {
            // the same cryptogram again: its challenge is spent (6984), or under a new one (63Cx)
            counts.replays++;
            if (next(2) === 0) challenge(bs);
            const sw = send(auth);
            if (sw === '9000') failures.push(`replayed cryptogram accepted (${df.toString(16)})`);
            break;
          }
          case 1: {
            // the cryptogram of a 4-byte challenge (padded as a terminal would) is refused: 6984
            counts.short++;
            const r4 = challenge(4);
            const c = sessionCryptogram(alg, zoneKey(df), r4, x);
            const sw = send(concat(hex(`00820001${hex2(2 * bs)}`), c, x));
            if (sw !== '6984') failures.push(`4-byte challenge authentication → ${sw}`);
            break;
          }
          case 2: {
            // a protected APPLICATION UNBLOCK on the SSSE with one MAC bit flipped
            counts.flips++;
            send(hex('00A40000023F00'));
            const before = mfLineKey(card.image).triesLeft;
            const cmd = protectCommand(alg, stk, challenge(bs), 0x80, 0x18, 0, 0, new Uint8Array(0));
            cmd[cmd.length - 1 - next(4)]! ^= 1 << next(8);
            const sw = send(cmd);
            const after = mfLineKey(card.image).triesLeft;
            if (sw === '9000') failures.push('flipped MAC accepted');
            if (before > 0 && (sw !== '6988' || after !== before - 1))
              failures.push(`flipped MAC → ${sw}, tries ${before} → ${after}`);
            if (before === 0 && sw !== '6983') failures.push(`flipped MAC at 0 tries → ${sw}`);
            break;
          }
          default: {
            // a recorded protected command replayed under a fresh challenge
            send(hex('00A40000023F00'));
            if (recorded !== null) {
              counts.recorded++;
              challenge(bs);
              const before = mfLineKey(card.image).triesLeft;
              const sw = send(recorded);
              if (sw === '9000') failures.push('recorded MAC accepted under a new challenge');
              if (mfLineKey(card.image).triesLeft > before) failures.push('a replay raised a counter');
            }
            const cmd = protectCommand(alg, stk, challenge(bs), 0x80, 0x18, 0, 0, new Uint8Array(0));
            recorded = cmd;
            const sw = send(cmd);
            if (mfLineKey(card.image).triesLeft > 0 && sw !== '9000') failures.push(`right MAC → ${sw}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(Math.min(counts.replays, counts.short, counts.flips, counts.recorded)).toBeGreaterThan(0);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`grammar fuzz ${gen}: ${JSON.stringify(counts)} in ${seconds} s\n`);
    },
    fuzzTimeout(),
  );
});
