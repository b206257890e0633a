/**
 * The PBOC transaction MAC (MAC1, MAC2, TAC; 12-payment "Cryptography"): CBC-MAC with IV 0
 * over `message ‖ 80 00…` (always padded), left 4 bytes. 3DES cards use single DES under an
 * 8-byte key (the session key, or the TAC key L⊕R), unlike the line-protection retail MAC;
 * SM4 cards use SM4 CBC-MAC under a 16-byte key [decision of 12-payment].
 */
import { type Algorithm, blockSize } from './algorithm.js';
import { lineMac } from './mac.js';

/** MAC(K; message): 3DES takes an 8-byte key, SM4 a 16-byte one; RangeError otherwise. */
export function pbocMac(alg: Algorithm, key: Uint8Array, message: Uint8Array): Uint8Array {
  const wanted = alg === '3des' ? 8 : 16;
  if (key.length !== wanted)
    throw new RangeError(`${alg} transaction MAC key must be ${wanted} bytes, got ${key.length}`);
  // lineMac with an 8-byte 3DES key is the retail MAC with L = R, which is plain single-DES CBC-MAC.
  return lineMac(alg, key, new Uint8Array(blockSize(alg)), message);
}
