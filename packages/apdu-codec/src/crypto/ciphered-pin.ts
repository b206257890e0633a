/**
 * The PKI application's ciphered VERIFY (11-pki.md): the terminal never sends the PIN, only
 * SM4-ECB(K, R) with K = the first 16 bytes of SM3(PIN's BCD bytes) and R the card's 16-byte
 * challenge, so a recorded VERIFY is useless for the next challenge.
 */
import { encryptEcb } from './ecb.js';
import { sm3 } from './sm3.js';

/** K = SM3(PIN)[0..16): what the card derives from its stored PIN, the terminal from the typed one. */
export function pinCipherKey(pinBcd: Uint8Array): Uint8Array {
  return sm3(pinBcd).subarray(0, 16);
}

/** The 16 data bytes of `00 20 01 81 10` (user PIN) or `00 20 01 00 10` (admin PIN). */
export function cipheredPin(pinBcd: Uint8Array, challenge: Uint8Array): Uint8Array {
  if (challenge.length !== 16)
    throw new RangeError(`ciphered VERIFY needs a 16-byte challenge, got ${challenge.length}`);
  return encryptEcb('sm4', pinCipherKey(pinBcd), challenge);
}
