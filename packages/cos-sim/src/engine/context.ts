/**
 * What a handler sees of the card while it runs: the committed image, the session (with the
 * challenge and pending data this command may use), the transaction to write through, and the
 * card's random source. One context object per card, reused for every command (no per-APDU
 * allocation). Response data are not put here: `execute` returns them (engine/outcome.ts).
 */
import type { CardImage } from '../image/types.js';
import type { Session } from './session.js';
import type { Transaction } from './transaction.js';

export interface CommandContext {
  /** The committed image (as it was when the command started, or after a mid-command commit). */
  readonly image: CardImage;
  /**
   * Session state; `session.commandChallenge` is the challenge pending when this command
   * arrived (already consumed: null for the command after), `session.commandPending` the data
   * a previous case-4 command left for GET RESPONSE.
   */
  readonly session: Session;
  readonly tx: Transaction;
  /** Cipher block size of the card's algorithm: 8 (3DES) or 16 (SM4). */
  readonly blockSize: number;
  /** n random bytes from the card's (possibly seeded) source. */
  random(length: number): Uint8Array;
}
