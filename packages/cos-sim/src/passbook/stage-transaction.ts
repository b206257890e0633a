/**
 * 防拔 (12-payment "Atomicity"): a DEBIT or CREDIT changes the log, the balance and the
 * counter with its proof as three internal writes staged in the command's copy-on-write
 * transaction; the dispatcher commits them together after `execute`, before the answer is
 * sent. A power cut after any of the three (the engine's `cutPowerAfterWrites` hook) drops
 * all of them: the passbook is exactly as before. A cut after the commit loses only the answer:
 * the transaction happened, and GET TRANSACTION PROVE shows it.
 */
import type { CommandContext } from '../engine/context.js';
import type { TransactionProof } from '../image/types.js';
import type { PassbookTarget } from './passbook-target.js';
import { withNewestRecord } from './transaction-log.js';

export interface TransactionEffect {
  readonly balanceAfter: number;
  readonly counter: 'onlineCounter' | 'offlineCounter';
  readonly proof: TransactionProof;
  readonly record: Uint8Array;
}

export function stageTransaction(
  ctx: CommandContext,
  target: PassbookTarget,
  effect: TransactionEffect,
): void {
  const { depth, log } = target;
  if (log !== null) ctx.tx.replaceEf(depth, withNewestRecord(log, effect.record));
  ctx.tx.updateDf(depth, (df) => ({ ...df, passbook: { ...df.passbook!, balance: effect.balanceAfter } }));
  ctx.tx.updateDf(depth, (df) => {
    const passbook = df.passbook!;
    return {
      ...df,
      passbook: { ...passbook, [effect.counter]: passbook[effect.counter] + 1, lastProof: effect.proof },
    };
  });
}
