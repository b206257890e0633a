/**
 * The checks DEBIT FOR PURCHASE and CREDIT FOR LOAD share (12-payment.md): CLA 80, their own
 * P1 with P2 00 (6A86), an exact Lc (6700), the passbook of the current DF (6A82), the
 * INITIALIZE of the same kind directly before in the same DF (6901), the SSSE PIN (6982). Only the
 * MAC check and the transaction itself differ.
 */
import type { Command, CommandHandler } from '../engine/handler.js';
import { OK, SW_COMMAND_NOT_ACCEPTED, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../engine/status.js';
import { PASSBOOK_ACCESS, type PassbookTarget, passbookHere } from './passbook-target.js';
import type { PendingTransaction } from './pending-transaction.js';

/** A DEBIT/CREDIT's object: the passbook and the INITIALIZE it completes. */
export interface PendingAt<P extends PendingTransaction> {
  readonly target: PassbookTarget;
  readonly pending: P;
}

type SharedSteps<P extends PendingTransaction> = Pick<
  CommandHandler<PendingAt<P>>,
  'classes' | 'checkParams' | 'checkLengths' | 'resolve' | 'access'
>;

export function transactionSteps<K extends PendingTransaction['kind']>(
  kind: K,
  p1: number,
  dataLength: number,
): SharedSteps<Extract<PendingTransaction, { kind: K }>> {
  type P = Extract<PendingTransaction, { kind: K }>;
  return {
    classes: [0x80],
    checkParams: (cmd: Command) => (cmd.p1 === p1 && cmd.p2 === 0x00 ? OK : SW_WRONG_P1P2),
    checkLengths: (cmd: Command) => (cmd.data.length === dataLength ? OK : SW_WRONG_LENGTH),
    resolve(_cmd, ctx) {
      const target = passbookHere(ctx);
      if (typeof target === 'number') return target;
      const pending = ctx.session.commandTransaction;
      if (pending === null || pending.kind !== kind || pending.dfFid !== target.df.fid)
        return SW_COMMAND_NOT_ACCEPTED;
      return { target, pending: pending as P };
    },
    access: () => PASSBOOK_ACCESS,
  };
}
