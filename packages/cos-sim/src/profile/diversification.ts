/**
 * Per-card key derivation (04-crypto.md): the card and city factors of a card, and a card key
 * from its master. Used at build time (the card stores only its diversified keys) and by hosts
 * that play the terminal knowing the masters.
 */
import { diversify, diversifyChain } from '@ssc-cos/apdu-codec/crypto';
import type { Algorithm } from '../image/types.js';
import { ProfileError } from './errors.js';
import { bcdDigits, cardIdentification } from './profile-lookups.js';
import type { KeyFamily, Profile } from './types.js';

export interface DiversificationFactors {
  /** 8 bytes: last 8 ATR bytes (default) or of the card identification code. */
  cardFactor: Uint8Array;
  /** 8 bytes: ASCII of the 6 region digits ‖ "sx"; null when the profile has no region. */
  cityFactor: Uint8Array | null;
}

/** The region code (6 digits) of a profile: options.region, else the card identification code's first 3 bytes. */
export function regionOf(profile: Profile): string | null {
  return regionFrom(profile, profile.options.region === null ? cardIdentification(profile.mf) : null);
}

/** `regionOf` with the card identification code (MF EF05) already looked up. */
function regionFrom(profile: Profile, cardId: Uint8Array | null): string | null {
  if (profile.options.region !== null) return profile.options.region;
  return cardId === null ? null : bcdDigits(cardId.subarray(0, 3));
}

/** cityFactor = ASCII(region digits) ‖ "sx" (01-card.md): 110100 → 3131303130307378. */
export function cityFactorOf(region: string): Uint8Array {
  return Uint8Array.from(`${region}sx`, (c) => c.charCodeAt(0));
}

export function diversificationFactors(profile: Profile, atr: Uint8Array): DiversificationFactors {
  // The MF EF05 lookup is done once, for both factors.
  const cardId = cardIdentification(profile.mf);
  let cardFactor: Uint8Array;
  if (profile.options.cardFactor === 'card-id-last8') {
    if (cardId === null || cardId.length < 8)
      throw new ProfileError('options.cardFactor', 'no card identification code');
    cardFactor = cardId.slice(cardId.length - 8);
  } else {
    cardFactor = atr.slice(atr.length - 8);
  }
  const region = regionFrom(profile, cardId);
  return { cardFactor, cityFactor: region === null ? null : cityFactorOf(region) };
}

/**
 * A card key from its master: ministry = DIV(DIV(MK, city), card) (or card then city, per
 * options.diversificationOrder); province = DIV(MK, card).
 */
export function deriveCardKey(
  algorithm: Algorithm,
  master: Uint8Array,
  family: KeyFamily,
  factors: DiversificationFactors,
  order: Profile['options']['diversificationOrder'] = 'city-then-card',
): Uint8Array {
  if (family === 'province') return diversify(algorithm, master, factors.cardFactor);
  if (factors.cityFactor === null)
    throw new ProfileError('options.region', 'a ministry key needs a region code');
  const chain =
    order === 'city-then-card'
      ? [factors.cityFactor, factors.cardFactor]
      : [factors.cardFactor, factors.cityFactor];
  return diversifyChain(algorithm, master, chain);
}
