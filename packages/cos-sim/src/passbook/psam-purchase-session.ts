/**
 * The PSAM's half of a purchase between its MAC1 (80 70) and the MAC2 check (80 72),
 * 12-payment.md: session state, so a reset forgets it.
 */
import type { Algorithm } from '../image/types.js';

export interface PsamPurchase {
  readonly algorithm: Algorithm;
  /** SESPK of the card, derived in the PSAM and never output. */
  readonly sessionKey: Uint8Array;
  /** The amount MAC2 is computed over (b 4). */
  readonly amount: Uint8Array;
}
