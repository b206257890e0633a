/**
 * Where the suite's cryptograms and MACs come from: the profile's master keys (computed on the
 * host) or a PSAM in a second reader (05-psam.md). Cases are written against this interface,
 * so the same case runs with either.
 */
import type { KeyDescription } from '../description/card-description.js';

export interface KeySource {
  readonly kind: 'master-keys' | 'psam';
  /** Can this source compute with that card key? (A hospital PSAM has DF04's keys only.) */
  has(key: KeyDescription): boolean;
  /** Session-form EXTERNAL AUTHENTICATE cryptogram C = E(DIV(K, R), X) (04-crypto.md). */
  sessionCryptogram(key: KeyDescription, challenge: Uint8Array, x: Uint8Array): Promise<Uint8Array>;
  /** Line-protection MAC (4 bytes) of `message` (= header ‖ Lc' ‖ data) with IV from the challenge. */
  lineMac(key: KeyDescription, iv: Uint8Array, message: Uint8Array): Promise<Uint8Array>;
  /** E(K, data): the expected INTERNAL AUTHENTICATE answer, and the PIN UNBLOCK block cipher. */
  encrypt(key: KeyDescription, data: Uint8Array): Promise<Uint8Array>;
}

export class KeyUnavailable extends Error {
  constructor(key: KeyDescription, why: string) {
    super(`key ${key.id.toString(16).padStart(2, '0')} (${key.role}) unavailable: ${why}`);
  }
}
