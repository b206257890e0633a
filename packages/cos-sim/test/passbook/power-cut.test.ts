/**
 * 12-payment "Atomicity" (防拔): power cut right after every internal write of a DEBIT FOR
 * PURCHASE and a CREDIT FOR LOAD leaves the passbook, its counters, its last proof and EF08
 * exactly as before (the command staged them together); past the last write the transaction
 * is whole. Then the terminal's recovery (GET BALANCE + GET TRANSACTION PROVE) tells which it was.
 */
import { describe, expect, test } from 'vitest';
import { serializeImage } from '../../src/state/serialize.js';
import { hex, toHex } from '../helpers/bytes.js';
import { GENERATIONS } from '../helpers/images.js';
import { expectSw, type PayTerminal, payCard } from './passbook-fixture.js';

const SN = hex('00000001');
/** EF08 record, balance, counter + proof (passbook/stage-transaction.ts). */
const WRITES = 3;

type Step = (t: PayTerminal) => { init: Uint8Array; run: () => Uint8Array; amount: number };

const purchase: Step = (t) => {
  const init = t.initPurchase(1234).data;
  return { init, amount: -1234, run: () => t.raw(t.debitApdu(init, 1234, SN)) };
};
const load: Step = (t) => {
  const init = t.initLoad(5000).data;
  return { init, amount: 5000, run: () => t.raw(t.creditApdu(init, 5000)) };
};

describe.each(GENERATIONS)('%s 防拔: power cut at every write step', (gen) => {
  for (const [name, step, type] of [
    ['DEBIT FOR PURCHASE', purchase, '05'],
    ['CREDIT FOR LOAD', load, '01'],
  ] as const) {
    for (let k = 1; k <= WRITES + 1; k++) {
      test(`12-payment Atomicity: ${name}, power cut after write ${k} → ${k <= WRITES ? 'old' : 'new'} state, recovery tells which`, () => {
        const t = payCard(gen);
        t.open();
        const before = serializeImage(t.card.image);
        const { run, amount } = step(t);
        t.card.cutPowerAfterWrites(k);
        const answer = run();
        if (k <= WRITES) {
          expect(answer.length).toBe(0); // no status word: the card lost power
          expect(serializeImage(t.card.image)).toBe(before);
        } else {
          expect(toHex(answer).slice(-4)).toBe('9000');
        }
        // Recovery after re-insertion: a new session, GET BALANCE and GET TRANSACTION PROVE.
        t.card.powerOn();
        t.open();
        const balance = t.balance();
        const prove = t.send(`805A00${type}02000108`);
        if (k <= WRITES) {
          expect(balance).toBe(10000);
          expect(prove.sw).toBe('9406');
          // not charged: the terminal runs the transaction again, and it completes
          const again = step(t);
          expect(toHex(again.run()).slice(-4)).toBe('9000');
        } else {
          expect(balance).toBe(10000 + amount);
          expectSw(prove, '9000');
          expect(toHex(prove.data.subarray(4))).toBe(toHex(answer.subarray(0, 4)));
        }
        t.open();
        expect(t.balance()).toBe(10000 + amount);
      });
    }
  }
});
