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
import {
  OK,
  SW_COMMAND_NOT_ACCEPTED,
  SW_KEY_INDEX_NOT_SUPPORTED,
  SW_MAC_INVALID,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
} from '../engine/status.js';
import { ownedBytes } from '../image/owned-bytes.js';
import { uintBytes } from '../passbook/fixed-width.js';
import { PASSBOOK_ACCESS, type PassbookTarget, passbookHere, tacKeyIn } from '../passbook/passbook-target.js';
import type { PendingLoad } from '../passbook/pending-transaction.js';
import { stageTransaction } from '../passbook/stage-transaction.js';
import { encodeLogRecord } from '../passbook/transaction-log.js';

interface Credit {
  readonly target: PassbookTarget;
  readonly pending: PendingLoad;
}

function fieldsOf(cmd: Command, pending: PendingLoad): LoadFields {
  return {
    amount: uintBytes(pending.amount, 4),
    type: LOAD_TYPE,
    terminalId: pending.terminalId,
    date: cmd.data.subarray(0, 4),
    time: cmd.data.subarray(4, 7),
  };
}

export const creditHandler = defineHandler<Credit>({
  name: 'CREDIT FOR LOAD',
  ins: 0x52,
  classes: [0x80],
  checkParams: (cmd) => (cmd.p1 === 0x00 && cmd.p2 === 0x00 ? OK : SW_WRONG_P1P2),
  checkLengths: (cmd) => (cmd.data.length === 11 ? OK : SW_WRONG_LENGTH),
  resolve(_cmd, ctx) {
    const target = passbookHere(ctx);
    if (typeof target === 'number') return target;
    const pending = ctx.session.commandTransaction;
    if (pending === null || pending.kind !== 'load' || pending.dfFid !== target.df.fid)
      return SW_COMMAND_NOT_ACCEPTED;
    return { target, pending };
  },
  access: () => PASSBOOK_ACCESS,
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
    const record = encodeLogRecord({
      counter: pending.counter,
      type: LOAD_TYPE,
      terminalId: pending.terminalId,
      date: fields.date,
      time: fields.time,
      amount: pending.amount,
      balanceAfter,
      tac,
    });
    stageTransaction(ctx, target, {
      balanceAfter,
      counter: 'onlineCounter',
      proof: {
        type: LOAD_TYPE,
        counter: pending.counter + 1,
        mac2: ownedBytes(cmd.data.subarray(7, 11)),
        tac,
      },
      record,
    });
    return respond(tac);
  },
});
