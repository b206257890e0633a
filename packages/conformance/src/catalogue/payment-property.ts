/**
 * 12-payment's balance property as a case (issue 16 item 5): generated loads, purchases, torn
 * transactions (power cuts where the target has the hook, lost answers everywhere) and
 * recoveries never create or lose money (payment/passbook-run.ts). Every completed purchase
 * and load stays in the card's counters and EF08 for good, so on a card that cannot be
 * replaced the case runs only with --irreversible, as the other payment cases that complete one.
 */

import type { ConformanceCase } from '../kit/case.js';
import { NotApplicable } from '../kit/case-errors.js';
import type { Kit } from '../kit/kit.js';
import { runPassbookProperty } from '../payment/passbook-run.js';

export interface PaymentPropertyOptions {
  runs: number;
  length: number;
  seed: number;
}

function master(k: Kit, name: string): Uint8Array {
  const m = k.description.masters[name];
  if (m === undefined) throw new NotApplicable(`no ${name} master`);
  return m;
}

export function paymentPropertyCase(opts: PaymentPropertyOptions): ConformanceCase {
  return {
    id: '12-payment/balance-property',
    clause: '12-payment §Atomicity, §Transaction record (the balance property)',
    title: `${opts.runs} generated runs of loads, purchases, torn transactions and recoveries: balance = initial + loads − purchases, each counter = completed transactions, every EF08 TAC verifies with the DTK master`,
    tags: ['needs-master-keys', 'destructive', 'irreversible'],
    async run(k) {
      const df04 = k.mf.dfs.find((d) => d.fid === 0xdf04);
      if (df04 === undefined || !df04.keys.some((key) => key.role === 'tac'))
        throw new NotApplicable('no DF04 passbook');
      const masters = {
        dlk: master(k, 'MP-DLK-DF04'),
        dpk: master(k, 'MP-DPK-DF04'),
        dtk: master(k, 'MP-DTK-DF04'),
      };
      // A card that stays: activate DF04 once (re-blocked after the case); a fresh one per run.
      if (!k.capabilities.freshCard) await k.activate(df04);
      const result = await runPassbookProperty(
        { target: k.target, description: k.description, keys: k.keys, df04, masters },
        { ...opts, ...(k.observe ? { observe: k.observe } : {}) },
      );
      if (result.failure) {
        k.attachTrace(result.failure.trace);
        k.fail(`${result.failure.message} — shrunk to: ${result.failure.commands}`);
      }
    },
  };
}
