/**
 * Issue 16 item 5: the balance property of 12-payment on every built-in profile — generated
 * loads, purchases, torn transactions (power cuts through the sim's hook, lost answers) and
 * recoveries never create or lose money, counters count completed transactions, every EF08 TAC
 * verifies with the DTK master. SSC_PAYMENT_RUNS=1000 runs the acceptance figure (CI: fewer).
 * Also on one card kept across runs (as in a reader), with --irreversible, and against a card
 * that charges twice, which the property must catch.
 */
import { fromHex, type Transport } from '@ssc-cos/apdu-codec';
import { MasterPurchaseAuthority, Passbook } from '@ssc-cos/terminal';
import { describe, expect, test } from 'vitest';
import { paymentPropertyCase } from '../src/catalogue/payment-property.js';
import type { CardDescription } from '../src/description/card-description.js';
import { describeProfile } from '../src/description/from-profile.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { runSuite } from '../src/run/runner.js';
import { loadCardProfile, openTarget, type TargetRequest } from '../src/targets/open-target.js';

const RUNS = Number(process.env.SSC_PAYMENT_RUNS ?? 200);
const LENGTH = 20;

async function outcome(req: TargetRequest, runs: number, irreversible = false) {
  const opened = await openTarget(req);
  const report = await runSuite({
    target: opened.target,
    description: opened.description,
    keys: suiteKeysFor(opened.description),
    cases: [paymentPropertyCase({ runs, length: LENGTH, seed: 16 })],
    irreversible,
  });
  const r = report.results[0]!;
  return `${r.outcome}${r.reason ? ` ${r.reason}` : ''}`;
}

/**
 * A card that takes every purchase twice: after the terminal has its DEBIT answer, the double
 * secretly runs the same purchase again (the terminal library over the card, with the DPK
 * master) before passing the terminal's next command on. Money disappears; the property must see it.
 */
function doubleCharging(card: Transport, description: CardDescription): Transport {
  let amount = 0;
  let owed = false;
  const machine = new MasterPurchaseAuthority(description.masters['MP-DPK-DF04']!, fromHex('990000000099'));
  return {
    async transmit(command) {
      if (owed && command[1] !== 0xc0) {
        owed = false;
        await new Passbook(card, description.cardFactor).purchase(machine, amount, '20261231235959');
      }
      if (command[1] === 0x50 && command[2] === 0x01)
        amount = new DataView(command.buffer, command.byteOffset).getUint32(6);
      const r = await card.transmit(command);
      if (command[1] === 0x54 && r.length >= 2 && (r[r.length - 2] === 0x90 || r[r.length - 2] === 0x61))
        owed = true;
      return r;
    },
    reset: () => {
      owed = false;
      return card.reset();
    },
    atr: () => card.atr(),
    close: () => card.close(),
  };
}

describe('12-payment balance property', () => {
  for (const profile of ['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des'])
    test(`12-payment balance property: ${RUNS} generated runs hold on ${profile}`, async () => {
      const started = Date.now();
      expect(await outcome({ kind: 'sim', profile, seed: 4 }, RUNS)).toBe('pass');
      if (process.env.SSC_PAYMENT_RUNS)
        process.stderr.write(`${profile}: ${RUNS} runs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }, 1_800_000);

  test('12-payment balance property: one card kept across runs (a card in a reader) with --irreversible', async () => {
    const req: TargetRequest = { kind: 'sim', profile: 'ssc-2g-des', seed: 4, persistent: true };
    expect(await outcome(req, 20, true)).toBe('pass');
    expect(await outcome(req, 20)).toMatch(/^n\/a .*--irreversible/);
  }, 300_000);

  test('12-payment balance property: a card that charges a purchase twice is caught', async () => {
    const description = describeProfile(loadCardProfile('ssc-3g-sm4'));
    const wrap = (t: Transport) => doubleCharging(t, description);
    const got = await outcome({ kind: 'sim', profile: 'ssc-3g-sm4', seed: 4, wrap }, 30);
    expect(got).toMatch(/^fail .*(money appeared or vanished|counter is)/);
  }, 300_000);
});
