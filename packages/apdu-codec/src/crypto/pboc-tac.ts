/**
 * The transaction authentication code (TAC) key and value (12-payment "Cryptography"). The
 * card proves each purchase and load with a MAC under its TAC key DTK: on 3DES cards the
 * single-DES key DTK_L ⊕ DTK_R (PBOC), on SM4 cards DTK itself [decision of 12-payment].
 */
import type { Algorithm } from './algorithm.js';
import { pbocMac } from './pboc-mac.js';

/** The MAC key made from the card's 16-byte DTK. */
export function tacKey(alg: Algorithm, dtk: Uint8Array): Uint8Array {
  if (dtk.length !== 16) throw new RangeError(`DTK must be 16 bytes, got ${dtk.length}`);
  if (alg === 'sm4') return dtk;
  const key = new Uint8Array(8);
  for (let i = 0; i < 8; i++) key[i] = dtk[i]! ^ dtk[8 + i]!;
  return key;
}

/** TAC = MAC(tacKey(DTK); message), message as built by pboc-transaction. */
export function transactionTac(alg: Algorithm, dtk: Uint8Array, message: Uint8Array): Uint8Array {
  return pbocMac(alg, tacKey(alg, dtk), message);
}
