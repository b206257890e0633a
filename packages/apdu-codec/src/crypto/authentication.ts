/**
 * External and internal authentication cryptograms (04-crypto "External authentication",
 * "Internal authentication").
 */
import { type Algorithm, blockSize } from './algorithm.js';
import { sessionKey } from './diversify.js';
import { encryptEcb } from './ecb.js';
import { macIv } from './mac.js';

/**
 * Session form (terminals with a PSAM): C = E(DIV(K, R), X), X one block chosen by the
 * terminal. The card checks by recomputing C from the pending R and the X it received.
 */
export function sessionCryptogram(
  alg: Algorithm,
  key: Uint8Array,
  challenge: Uint8Array,
  x: Uint8Array,
): Uint8Array {
  if (x.length !== blockSize(alg))
    throw new RangeError(`session cryptogram X must be one ${blockSize(alg)}-byte block`);
  return encryptEcb(alg, sessionKey(alg, key, challenge), x);
}

/** Direct form (FMCOS): E(K, first block of R ‖ 00…). */
export function directCryptogram(alg: Algorithm, key: Uint8Array, challenge: Uint8Array): Uint8Array {
  return encryptEcb(alg, key, macIv(alg, challenge));
}

/** Internal authentication answer: E(K_int, data), data whole blocks (one block on the card). */
export function internalAuthentication(alg: Algorithm, key: Uint8Array, data: Uint8Array): Uint8Array {
  return encryptEcb(alg, key, data);
}
