/**
 * The PSAM's side of a purchase (12-payment.md "PSAM"):
 * - INIT SAM FOR PURCHASE (80 70 00 00 1C): random 4 ‖ card offline counter 2 ‖ amount 4 ‖
 *   type 1 ‖ date 4 ‖ time 3 ‖ key version 1 ‖ algorithm 1 ‖ card factor 8 → terminal SN 4 ‖
 *   MAC1 4. The purchase master (usage 22, id = key version, of the algorithm named) of the
 *   current DF, diversified by the card factor, gives the card's DPK; SESPK uses the PSAM's
 *   own transaction counter as terminal SN, which is persisted (+1 per MAC1); MAC1's terminal
 *   id is the PSAM's terminal number (EF 0016). No such key → 9403.
 * - CREDIT SAM FOR PURCHASE (80 72 00 00 04): the card's MAC2 → 9000, or 9302.
 * The SESPK of the last MAC1 is session state: a reset forgets it; no MAC1 since → 6901.
 */
import {
  algorithmOfByte,
  equalBytes,
  purchaseMac1,
  purchaseMac2,
  purchaseSessionKey,
} from '@ssc-cos/apdu-codec/crypto';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import {
  OK,
  SW_COMMAND_NOT_ACCEPTED,
  SW_CONDITIONS_NOT_SATISFIED,
  SW_KEY_INDEX_NOT_SUPPORTED,
  SW_MAC_INVALID,
  SW_SUCCESS,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
} from '../engine/status.js';
import type { PsamKey } from '../image/types.js';
import { uintBytes } from '../passbook/fixed-width.js';
import { cardKeyFromFactors, findPsamKey } from './psam-key-table.js';

/** Usage of the purchase master: 1 level of diversification, key type 2 (purchase). */
export const PURCHASE_KEY_USAGE = 0x22;
const MAX_COUNTER = 0xffffffff;

export const initSamForPurchaseHandler = defineHandler<PsamKey>({
  name: 'INIT SAM FOR PURCHASE',
  ins: 0x70,
  classes: [0x80],
  checkParams: (cmd) => (cmd.p1 === 0x00 && cmd.p2 === 0x00 ? OK : SW_WRONG_P1P2),
  checkLengths: (cmd) => (cmd.data.length === 0x1c ? OK : SW_WRONG_LENGTH),
  resolve(cmd, ctx) {
    const alg = algorithmOfByte(cmd.data[19]!);
    const entry = findPsamKey(ctx.session.currentDf, PURCHASE_KEY_USAGE, cmd.data[18]!);
    return entry !== undefined && entry.algorithm === alg ? entry : SW_KEY_INDEX_NOT_SUPPORTED;
  },
  checkData: (_cmd, _entry, ctx) =>
    ctx.image.terminalNumber === undefined || (ctx.image.psamTransactionCounter ?? 0) >= MAX_COUNTER
      ? SW_CONDITIONS_NOT_SATISFIED
      : OK,
  execute(cmd, entry, ctx) {
    const d = cmd.data;
    const dpk = cardKeyFromFactors(entry, d.subarray(20, 28));
    const counter = (ctx.image.psamTransactionCounter ?? 0) + 1;
    const terminalSn = uintBytes(counter, 4);
    const sessionKey = purchaseSessionKey(
      entry.algorithm,
      dpk,
      d.subarray(0, 4),
      d.subarray(4, 6),
      terminalSn,
    );
    const mac1 = purchaseMac1(entry.algorithm, sessionKey, {
      amount: d.subarray(6, 10),
      type: d[10]!,
      terminalId: ctx.image.terminalNumber!,
      terminalSn,
      date: d.subarray(11, 15),
      time: d.subarray(15, 18),
    });
    ctx.tx.updateImage((image) => ({ ...image, psamTransactionCounter: counter }));
    ctx.session.psamPurchase = {
      algorithm: entry.algorithm,
      sessionKey,
      amount: d.slice(6, 10),
    };
    const out = new Uint8Array(8);
    out.set(terminalSn, 0);
    out.set(mac1, 4);
    return respond(out);
  },
});

export const creditSamForPurchaseHandler = defineHandler<undefined>({
  name: 'CREDIT SAM FOR PURCHASE',
  ins: 0x72,
  classes: [0x80],
  checkParams: (cmd) => (cmd.p1 === 0x00 && cmd.p2 === 0x00 ? OK : SW_WRONG_P1P2),
  checkLengths: (cmd) => (cmd.data.length === 4 ? OK : SW_WRONG_LENGTH),
  resolve: (_cmd, ctx) => (ctx.session.psamPurchase === null ? SW_COMMAND_NOT_ACCEPTED : undefined),
  checkMac(cmd, _target, ctx) {
    const p = ctx.session.psamPurchase!;
    return equalBytes(purchaseMac2(p.algorithm, p.sessionKey, p), cmd.data) ? OK : SW_MAC_INVALID;
  },
  execute(_cmd, _target, ctx) {
    ctx.session.psamPurchase = null;
    return SW_SUCCESS;
  },
});
