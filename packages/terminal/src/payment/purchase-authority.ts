/**
 * Who authorises a purchase (12-payment.md): computes MAC1 for the card's DEBIT FOR PURCHASE
 * and checks the card's MAC2. A PSAM does it in the terminal (PsamPurchaseAuthority); an
 * encryption machine (加密机) holding the DPK master does it on a host (MasterPurchaseAuthority,
 * the iDoDebit_HSM flow). Both see only what the card's INITIALIZE answered.
 */
import type { Algorithm } from '@ssc-cos/apdu-codec/crypto';

export interface Mac1Request {
  readonly random: Uint8Array;
  readonly offlineCounter: Uint8Array;
  readonly amount: Uint8Array;
  readonly type: number;
  readonly date: Uint8Array;
  readonly time: Uint8Array;
  readonly keyVersion: number;
  readonly algorithm: Algorithm;
  readonly cardFactor: Uint8Array;
}

export interface Mac1 {
  readonly terminalSn: Uint8Array;
  readonly mac1: Uint8Array;
}

export interface PurchaseAuthority {
  /** For messages: "PSAM" or "encryption machine". */
  readonly name: string;
  /** The terminal id (6 bytes) MAC1 is computed with; sent in INITIALIZE FOR PURCHASE. */
  terminalId(): Promise<Uint8Array>;
  mac1(request: Mac1Request): Promise<Mac1>;
  /** true when the card's MAC2 proves it debited this purchase. */
  checkMac2(mac2: Uint8Array): Promise<boolean>;
}
