/**
 * DEBIT FOR PURCHASE (80 54 01 00 0F), 12-payment.md: terminal SN 4 ‖ date 4 ‖ time 3 ‖ MAC1 4
 * → TAC 4 ‖ MAC2 4. Only directly after INITIALIZE FOR PURCHASE in the same DF (6901
 * otherwise); MAC1 under SESPK = E(DPK, random ‖ offline counter ‖ SN bytes 3–4) must verify
 * (9302, nothing changes). Then, in one atomic step (passbook/stage-transaction.ts): the log
 * record, the balance, the offline counter + 1 and the proof for GET TRANSACTION PROVE.
 */
import {
  equalBytes,
  PURCHASE_TYPE,
  type PurchaseFields,
  purchaseMac1,
  purchaseMac2,
  purchaseSessionKey,
  purchaseTac,
} from '@ssc-cos/apdu-codec/crypto';
import type { Command } from '../engine/handler.js';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import { OK, SW_KEY_INDEX_NOT_SUPPORTED, SW_MAC_INVALID } from '../engine/status.js';
import { uintBytes } from '../passbook/fixed-width.js';
import { tacKeyIn } from '../passbook/passbook-target.js';
import type { PendingPurchase } from '../passbook/pending-transaction.js';
import { stageTransaction } from '../passbook/stage-transaction.js';
import { type PendingAt, transactionSteps } from '../passbook/transaction-steps.js';

function fieldsOf(cmd: Command, pending: PendingPurchase): PurchaseFields {
  return {
    amount: uintBytes(pending.amount, 4),
    type: PURCHASE_TYPE,
    terminalId: pending.terminalId,
    terminalSn: cmd.data.subarray(0, 4),
    date: cmd.data.subarray(4, 8),
    time: cmd.data.subarray(8, 11),
  };
}

function sessionKeyOf(cmd: Command, pending: PendingPurchase): Uint8Array {
  return purchaseSessionKey(
    pending.key.algorithm,
    pending.key.value,
    pending.random,
    uintBytes(pending.counter, 2),
    cmd.data.subarray(0, 4),
  );
}

export const debitHandler = defineHandler<PendingAt<PendingPurchase>>({
  name: 'DEBIT FOR PURCHASE',
  ins: 0x54,
  ...transactionSteps('purchase', 0x01, 15),
  checkMac(cmd, { target, pending }) {
    if (tacKeyIn(target.df) === undefined) return SW_KEY_INDEX_NOT_SUPPORTED;
    const mac1 = purchaseMac1(pending.key.algorithm, sessionKeyOf(cmd, pending), fieldsOf(cmd, pending));
    return equalBytes(mac1, cmd.data.subarray(11, 15)) ? OK : SW_MAC_INVALID;
  },
  execute(cmd, { target, pending }, ctx) {
    const alg = pending.key.algorithm;
    const fields = fieldsOf(cmd, pending);
    const tac = purchaseTac(alg, tacKeyIn(target.df)!.value, fields);
    const mac2 = purchaseMac2(alg, sessionKeyOf(cmd, pending), fields);
    const balanceAfter = target.passbook.balance - pending.amount;
    stageTransaction(ctx, target, {
      type: PURCHASE_TYPE,
      pending,
      date: fields.date,
      time: fields.time,
      balanceAfter,
      tac,
      mac2,
    });
    const out = new Uint8Array(8);
    out.set(tac, 0);
    out.set(mac2, 4);
    return respond(out);
  },
});
