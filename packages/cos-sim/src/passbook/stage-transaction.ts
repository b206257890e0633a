/**
 * 防拔 (12-payment "Atomicity"): a DEBIT or CREDIT changes the log, the balance and the
 * counter with its proof as three internal writes staged in the command's copy-on-write
 * transaction; the dispatcher commits them together after `execute`, before the answer is
 * sent. A power cut after any of the three (the engine's `cutPowerAfterWrites` hook) drops
 * all of them: the passbook is exactly as before. A cut after the commit loses only the answer:
 * the transaction happened, and GET TRANSACTION PROVE shows it.
 */
import { LOAD_TYPE } from '@ssc-cos/apdu-codec/crypto';
import type { CommandContext } from '../engine/context.js';
import { ownedBytes } from '../image/owned-bytes.js';
import type { PassbookTarget } from './passbook-target.js';
import type { PendingTransaction } from './pending-transaction.js';
import { encodeLogRecord, withNewestRecord } from './transaction-log.js';

/** What a DEBIT/CREDIT that verified leaves: the log record, the proof and the new balance come from it. */
export interface TransactionEffect {
  /** 05 purchase (offline counter), 01 load (online counter). */
  readonly type: number;
  /** The INITIALIZE this completes: counter before, terminal id, amount. */
  readonly pending: PendingTransaction;
  /** BCD date 4 and time 3 of the DEBIT/CREDIT. */
  readonly date: Uint8Array;
  readonly time: Uint8Array;
  readonly balanceAfter: number;
  readonly tac: Uint8Array;
  readonly mac2: Uint8Array;
}

export function stageTransaction(
  ctx: CommandContext,
  target: PassbookTarget,
  effect: TransactionEffect,
): void {
  const { depth, log } = target;
  const { pending, type, tac } = effect;
  const record = encodeLogRecord({
    counter: pending.counter,
    type,
    terminalId: pending.terminalId,
    date: effect.date,
    time: effect.time,
    amount: pending.amount,
    balanceAfter: effect.balanceAfter,
    tac,
  });
  const counter = type === LOAD_TYPE ? 'onlineCounter' : 'offlineCounter';
  const proof = { type, counter: pending.counter + 1, mac2: ownedBytes(effect.mac2), tac: ownedBytes(tac) };
  if (log !== null) ctx.tx.replaceEf(depth, withNewestRecord(log, record));
  ctx.tx.updateDf(depth, (df) => ({ ...df, passbook: { ...df.passbook!, balance: effect.balanceAfter } }));
  ctx.tx.updateDf(depth, (df) => {
    const passbook = df.passbook!;
    return { ...df, passbook: { ...passbook, [counter]: passbook[counter] + 1, lastProof: proof } };
  });
}
