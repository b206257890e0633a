/**
 * The card's random source (GET CHALLENGE). With a seed: a small deterministic PRNG
 * (SplitMix32) so sessions replay byte for byte — fine for a simulator, not for real keys.
 * Without one: node:crypto.
 */
import { randomBytes } from 'node:crypto';
import type { RandomSource } from '@ssc-cos/apdu-codec/crypto';

// One name for the concept: the SM2 key generation and signing of the crypto module take it too.
export type { RandomSource };

export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  return (length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      const word = next();
      for (let j = 0; j < 4 && i + j < length; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
    }
    return out;
  };
}

export const systemRandom: RandomSource = (length) => new Uint8Array(randomBytes(length));
