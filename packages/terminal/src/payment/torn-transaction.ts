/**
 * A transaction whose DEBIT / CREDIT got no answer (card pulled, power lost: 防拔). The card
 * either did it whole or not at all (12-payment "Atomicity"); what the terminal sent is kept
 * here so that `Passbook.recover` can ask the card which, and never charge twice.
 */
import { TerminalError } from '../terminal-error.js';

export interface TornTransaction {
  readonly kind: 'purchase' | 'load';
  /** The counter INITIALIZE returned (before the transaction). */
  readonly counter: number;
  readonly amount: number;
  readonly balanceBefore: number;
}

export class TornTransactionError extends TerminalError {
  constructor(
    readonly torn: TornTransaction,
    cause: unknown,
  ) {
    super(
      'card',
      torn.kind === 'purchase' ? 'DEBIT FOR PURCHASE' : 'CREDIT FOR LOAD',
      0,
      `no answer (${cause instanceof Error ? cause.message : String(cause)}): recover before trying again`,
    );
    this.name = 'TornTransactionError';
  }
}
