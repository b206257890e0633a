/**
 * What an INITIALIZE FOR PURCHASE / LOAD leaves for the DEBIT / CREDIT that must follow it
 * directly (12-payment.md: any other command in between cancels it). Session state: a reset
 * or a power cut forgets it, so a torn transaction can only be re-run from INITIALIZE.
 */
import type { Algorithm, KeyObject } from '../image/types.js';

interface PendingCommon {
  /** FID of the DF whose passbook was initialised (the DEBIT/CREDIT must run in the same DF). */
  readonly dfFid: number;
  readonly amount: number;
  /** Terminal id (6 bytes) sent with INITIALIZE; MAC1/MAC2, TAC and the log record use it. */
  readonly terminalId: Uint8Array;
  /** The card's 4-byte random of the session key. */
  readonly random: Uint8Array;
  /** The counter before the transaction (offline for a purchase, online for a load). */
  readonly counter: number;
}

export interface PendingPurchase extends PendingCommon {
  readonly kind: 'purchase';
  /** The card's DPK of the key index INITIALIZE named. */
  readonly key: KeyObject;
}

export interface PendingLoad extends PendingCommon {
  readonly kind: 'load';
  readonly balanceBefore: number;
  /** The DLK's algorithm, which SESLK is for. */
  readonly algorithm: Algorithm;
  /** SESLK, computed at INITIALIZE for its MAC1. */
  readonly sessionKey: Uint8Array;
}

export type PendingTransaction = PendingPurchase | PendingLoad;
