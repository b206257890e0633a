/**
 * Where the terminal's cryptograms and MACs come from. Two implementations: a PSAM in a second
 * reader (PsamKeySource — what real terminals use; the PSAM holds masters only and derives the
 * card key from the factors it is sent) and master keys held in memory (MasterKeySource — for
 * tests and issuing tools). Flows are written once against this interface.
 */
import type { Algorithm } from '@ssc-cos/apdu-codec/crypto';
import type { CardKeyRef } from './card-keys.js';

/** What a key source needs to know of the card in front of the terminal. */
export interface CardIdentity {
  /** From the MF FCI (86 01 alg). */
  algorithm: Algorithm;
  /** Last 8 ATR bytes (01-card.md). */
  cardFactor: Uint8Array;
  /** ASCII(region) ‖ "sx", from EF05 record 1; null when unknown (ministry keys then fail). */
  cityFactor: Uint8Array | null;
}

export interface KeySource {
  /** For messages: "PSAM" or "master keys". */
  readonly name: string;
  /** Session-form EXTERNAL AUTHENTICATE cryptogram C = E(DIV(K, R), X) (04-crypto.md). */
  sessionCryptogram(
    key: CardKeyRef,
    card: CardIdentity,
    challenge: Uint8Array,
    x: Uint8Array,
  ): Promise<Uint8Array>;
  /** Line-protection MAC (4 bytes) of `message` with this IV (one block). */
  lineMac(key: CardKeyRef, card: CardIdentity, iv: Uint8Array, message: Uint8Array): Promise<Uint8Array>;
  /** E(K, blocks), ECB: the expected INTERNAL AUTHENTICATE answer, the PIN UNBLOCK LD block. */
  encrypt(key: CardKeyRef, card: CardIdentity, blocks: Uint8Array): Promise<Uint8Array>;
  /** RELOAD PIN MAC over the new PIN (04-crypto.md "PIN reload"). */
  reloadPinMac(key: CardKeyRef, card: CardIdentity, newPin: Uint8Array): Promise<Uint8Array>;
}

/** The factors of a key, card factor first, as a PSAM takes them (05-psam.md). */
export function factorsOf(key: CardKeyRef, card: CardIdentity): Uint8Array[] {
  if (key.family === 'province') return [card.cardFactor];
  if (card.cityFactor === null) {
    throw new Error(`key ${key.master} is a ministry key and the card's region (city factor) is unknown`);
  }
  return [card.cardFactor, card.cityFactor];
}
