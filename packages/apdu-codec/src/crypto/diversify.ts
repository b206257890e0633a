/**
 * Key diversification DIV(MK, D) and session keys (04-crypto "Diversification", "External
 * authentication"). One formula covers both algorithms for an 8-byte D: ECB of `D ‖ ~D` is
 * E(MK, D) ‖ E(MK, ~D) under 3DES (PBOC) and the single block E(MK, D ‖ ~D) under SM4.
 */
import type { Algorithm } from './algorithm.js';
import { encryptEcb } from './ecb.js';

/**
 * How a card key is diversified from its master (04-crypto.md): ministry = 2 levels (city,
 * then card), province = 1 level (card). The card's profiles and the terminal's key table both
 * name it.
 */
export type KeyFamily = 'ministry' | 'province';

/** DIV(MK, D): D is 8 bytes (both algorithms) or 16 bytes (SM4 only). Returns a 16-byte key. */
export function diversify(alg: Algorithm, masterKey: Uint8Array, factor: Uint8Array): Uint8Array {
  if (factor.length === 8) {
    const input = new Uint8Array(16);
    input.set(factor);
    for (let i = 0; i < 8; i++) input[8 + i] = ~factor[i]! & 0xff;
    return encryptEcb(alg, masterKey, input);
  }
  if (factor.length === 16 && alg === 'sm4') return encryptEcb(alg, masterKey, factor);
  throw new RangeError(
    `${alg} diversification factor must be 8${alg === 'sm4' ? ' or 16' : ''} bytes, got ${factor.length}`,
  );
}

/**
 * Applies the factors in the order given, each to the previous result:
 * ministry key = diversifyChain(alg, MK, [cityFactor, cardFactor]); province key = [cardFactor].
 * (The PSAM's APDU lists them the other way round, card first; it reverses them before calling.)
 */
export function diversifyChain(
  alg: Algorithm,
  masterKey: Uint8Array,
  factors: readonly Uint8Array[],
): Uint8Array {
  let key = masterKey;
  for (const factor of factors) key = diversify(alg, key, factor);
  return key;
}

/**
 * The challenge as a diversification factor: a 4-byte R is padded with 00 to 8 bytes
 * [decision of 04-crypto]; 3DES uses R's first 8 bytes; SM4 uses an 8- or 16-byte R whole.
 */
export function challengeFactor(alg: Algorithm, challenge: Uint8Array): Uint8Array {
  if (challenge.length === 4) {
    const padded = new Uint8Array(8);
    padded.set(challenge);
    return padded;
  }
  if (alg === '3des' && challenge.length >= 8) return challenge.subarray(0, 8);
  if (alg === 'sm4' && (challenge.length === 8 || challenge.length === 16)) return challenge;
  throw new RangeError(`${alg} challenge of ${challenge.length} bytes cannot make a session key`);
}

/** SK = DIV(K, R) with R handled as in challengeFactor. */
export function sessionKey(alg: Algorithm, key: Uint8Array, challenge: Uint8Array): Uint8Array {
  return diversify(alg, key, challengeFactor(alg, challenge));
}
