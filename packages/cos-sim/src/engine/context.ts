/**
 * What a handler sees of the card while it runs: the committed image, the session, the
 * transaction to write through, the challenge this command may use, and where to put the
 * response data. One context object per card, reused for every command (no per-APDU allocation).
 */
import type { CardImage } from '../image/types.js';
import type { Session } from './session.js';
import type { Transaction } from './transaction.js';

export interface CommandContext {
  /** The committed image (as it was when the command started, or after a mid-command commit). */
  readonly image: CardImage;
  readonly session: Session;
  readonly tx: Transaction;
  /**
   * The challenge pending when this command arrived. The dispatcher has already consumed it
   * (02-commands.md: valid for the next command only), so it is null for the command after.
   */
  readonly challenge: Uint8Array | null;
  /** Response data a previous case-4 command left for GET RESPONSE (T=0); null if none. */
  readonly pendingResponse: Uint8Array | null;
  /** Cipher block size of the card's algorithm: 8 (3DES) or 16 (SM4). */
  readonly blockSize: number;
  /** Sets the response data (sent before the status word, or kept for GET RESPONSE under T=0). */
  respond(data: Uint8Array): void;
  /** n random bytes from the card's (possibly seeded) source. */
  random(length: number): Uint8Array;
}
