/**
 * CREDIT FOR LOAD (80 52 00 00 0B), 12-payment.md: date 4 ‖ time 3 ‖ MAC2 4 → TAC 4. Only
 * directly after INITIALIZE FOR LOAD in the same DF (6901 otherwise); MAC2 = MAC(SESLK;
 * amount ‖ 01 ‖ terminal id ‖ date ‖ time) is the issuer host's authorisation (9302, nothing
 * changes). Then, in one atomic step: the log record, the balance, the online counter + 1 and
 * the proof for GET TRANSACTION PROVE.
 */
import { equalBytes, LOAD_TYPE, type LoadFields, loadMac2, loadTac } from '@ssc-cos/apdu-codec/crypto';
import type { Command } from '../engine/handler.js';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import { OK, SW_KEY_INDEX_NOT_SUPPORTED, SW_MAC_INVALID } from '../engine/status.js';
import { uintBytes } from '../passbook/fixed-width.js';
import { tacKeyIn } from '../passbook/passbook-target.js';
import type { PendingLoad } from '../passbook/pending-transaction.js';
import { stageTransaction } from '../passbook/stage-transaction.js';
import { type PendingAt, transactionSteps } from '../passbook/transaction-steps.js';

function fieldsOf(cmd: Command, pending: PendingLoad): LoadFields {
  return {
    amount: uintBytes(pending.amount, 4),
    type: LOAD_TYPE,
    terminalId: pending.terminalId,
    date: cmd.data.subarray(0, 4),
    time: cmd.data.subarray(4, 7),
  };
}

export const creditHandler = defineHandler<PendingAt<PendingLoad>>({
  name: 'CREDIT FOR LOAD',
  ins: 0x52,
  ...transactionSteps('load', 0x00, 11),
  checkMac(cmd, { target, pending }) {
    if (tacKeyIn(target.df) === undefined) return SW_KEY_INDEX_NOT_SUPPORTED;
    const mac2 = loadMac2(pending.algorithm, pending.sessionKey, fieldsOf(cmd, pending));
    return equalBytes(mac2, cmd.data.subarray(7, 11)) ? OK : SW_MAC_INVALID;
  },
  execute(cmd, { target, pending }, ctx) {
    const fields = fieldsOf(cmd, pending);
    const balanceAfter = pending.balanceBefore + pending.amount;
    const tacKey = tacKeyIn(target.df)!;
    const tac = loadTac(
      tacKey.algorithm,
      tacKey.value,
      uintBytes(balanceAfter, 4),
      uintBytes(pending.counter, 2),
      fields,
    );
    stageTransaction(ctx, target, {
      type: LOAD_TYPE,
      pending,
      date: fields.date,
      time: fields.time,
      balanceAfter,
      tac,
      mac2: cmd.data.subarray(7, 11),
    });
    return respond(tac);
  },
});
