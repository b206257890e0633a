/**
 * INITIALIZE FOR PURCHASE (80 50 01 01 0B) and INITIALIZE FOR LOAD (80 50 00 01 0B),
 * 12-payment.md. Data: key index 1 ‖ amount 4 ‖ terminal id 6. The card draws a 4-byte random
 * and keeps the transaction pending for the DEBIT / CREDIT that must come next.
 * - purchase → balance 4 ‖ offline counter 2 ‖ overdraft 3 ‖ key version 1 ‖ algorithm 1 ‖ random 4
 * - load → balance 4 ‖ online counter 2 ‖ key version 1 ‖ algorithm 1 ‖ random 4 ‖ MAC1 4,
 *   MAC1 = MAC(SESLK; balance ‖ amount ‖ 01 ‖ terminal id), the card's proof to the host.
 * P2=01 is the passbook (ED); P2=02 (purse, EP) → 6A86: the card has none. Unknown key index →
 * 9403; purchase amount > balance → 9401; load beyond FFFFFFFF → 6985; a counter at FFFF can
 * count no more → 6985 [decision].
 */
import { algorithmByte, LOAD_TYPE, loadMac1, loadSessionKey } from '@ssc-cos/apdu-codec/crypto';
import type { Command } from '../engine/handler.js';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import {
  OK,
  SW_CONDITIONS_NOT_SATISFIED,
  SW_INSUFFICIENT_BALANCE,
  SW_KEY_INDEX_NOT_SUPPORTED,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
} from '../engine/status.js';
import { ownedBytes } from '../image/owned-bytes.js';
import type { KeyObject } from '../image/types.js';
import { uintBytes, uintOf } from '../passbook/fixed-width.js';
import {
  loadKeyIn,
  PASSBOOK_ACCESS,
  type PassbookTarget,
  passbookHere,
  purchaseKeyIn,
} from '../passbook/passbook-target.js';

const FOR_LOAD = 0x00;
const FOR_PURCHASE = 0x01;
/** P2 01: the passbook (ED). */
export const PASSBOOK_P2 = 0x01;
const DATA_LENGTH = 11;
const MAX_BALANCE = 0xffffffff;
const MAX_COUNTER = 0xffff;

const amountOf = (cmd: Command): number => uintOf(cmd.data.subarray(1, 5));

function keyOf(cmd: Command, target: PassbookTarget): KeyObject | undefined {
  const index = cmd.data[0]!;
  return cmd.p1 === FOR_PURCHASE ? purchaseKeyIn(target.df, index) : loadKeyIn(target.df, index);
}

export const initializeHandler = defineHandler<PassbookTarget>({
  name: 'INITIALIZE FOR PURCHASE/LOAD',
  ins: 0x50,
  classes: [0x80],
  checkParams: (cmd) =>
    (cmd.p1 === FOR_PURCHASE || cmd.p1 === FOR_LOAD) && cmd.p2 === PASSBOOK_P2 ? OK : SW_WRONG_P1P2,
  checkLengths: (cmd) => (cmd.data.length === DATA_LENGTH ? OK : SW_WRONG_LENGTH),
  resolve: (_cmd, ctx) => passbookHere(ctx),
  access: () => PASSBOOK_ACCESS,
  checkData(cmd, target) {
    if (keyOf(cmd, target) === undefined) return SW_KEY_INDEX_NOT_SUPPORTED;
    const { balance, offlineCounter, onlineCounter, overdraftLimit } = target.passbook;
    if (cmd.p1 === FOR_PURCHASE) {
      if (amountOf(cmd) > balance + overdraftLimit) return SW_INSUFFICIENT_BALANCE;
      return offlineCounter >= MAX_COUNTER ? SW_CONDITIONS_NOT_SATISFIED : OK;
    }
    if (balance + amountOf(cmd) > MAX_BALANCE) return SW_CONDITIONS_NOT_SATISFIED;
    return onlineCounter >= MAX_COUNTER ? SW_CONDITIONS_NOT_SATISFIED : OK;
  },
  execute(cmd, target, ctx) {
    const key = keyOf(cmd, target)!;
    const alg = key.algorithm;
    const passbook = target.passbook;
    const amount = amountOf(cmd);
    const terminalId = ownedBytes(cmd.data.subarray(5, 11));
    const random = ctx.random(4);
    const balance = uintBytes(passbook.balance, 4);
    const common = { dfFid: target.df.fid, amount, terminalId, random };
    if (cmd.p1 === FOR_PURCHASE) {
      const counter = passbook.offlineCounter;
      ctx.session.transaction = { kind: 'purchase', ...common, counter, key };
      const out = new Uint8Array(15);
      out.set(balance, 0);
      out.set(uintBytes(counter, 2), 4);
      out.set(uintBytes(passbook.overdraftLimit, 3), 6);
      out[9] = key.followUpState;
      out[10] = algorithmByte(alg);
      out.set(random, 11);
      return respond(out);
    }
    const counter = passbook.onlineCounter;
    const counterBytes = uintBytes(counter, 2);
    const sessionKey = loadSessionKey(alg, key.value, random, counterBytes);
    const mac1 = loadMac1(alg, sessionKey, balance, {
      amount: cmd.data.subarray(1, 5),
      type: LOAD_TYPE,
      terminalId,
    });
    ctx.session.transaction = {
      kind: 'load',
      ...common,
      counter,
      balanceBefore: passbook.balance,
      algorithm: alg,
      sessionKey,
    };
    const out = new Uint8Array(16);
    out.set(balance, 0);
    out.set(counterBytes, 4);
    out[6] = key.followUpState;
    out[7] = algorithmByte(alg);
    out.set(random, 8);
    out.set(mac1, 12);
    return respond(out);
  },
});
