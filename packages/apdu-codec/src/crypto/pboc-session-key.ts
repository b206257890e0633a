/**
 * PBOC session keys of the passbook (12-payment "Cryptography"): SESPK for a purchase,
 * SESLK for a load. Both encrypt one 8-byte input under the card's diversified key:
 * 3DES gives the 8-byte single-DES key the PBOC MAC uses; SM4 [decision of 12-payment]
 * encrypts `input ‖ ~input` and gives a 16-byte key.
 */
import type { Algorithm } from './algorithm.js';
import { encryptEcb } from './ecb.js';

/** SESPK = E(DPK, random 4 ‖ offline counter 2 ‖ terminal SN bytes 3–4). */
export function purchaseSessionKey(
  alg: Algorithm,
  dpk: Uint8Array,
  random: Uint8Array,
  offlineCounter: Uint8Array,
  terminalSn: Uint8Array,
): Uint8Array {
  checkLength('random', random, 4);
  checkLength('offline counter', offlineCounter, 2);
  checkLength('terminal SN', terminalSn, 4);
  const input = new Uint8Array(8);
  input.set(random);
  input.set(offlineCounter, 4);
  input.set(terminalSn.subarray(2, 4), 6);
  return sessionKeyOf(alg, dpk, input);
}

/** SESLK = E(DLK, random 4 ‖ online counter 2 ‖ `80 00`). */
export function loadSessionKey(
  alg: Algorithm,
  dlk: Uint8Array,
  random: Uint8Array,
  onlineCounter: Uint8Array,
): Uint8Array {
  checkLength('random', random, 4);
  checkLength('online counter', onlineCounter, 2);
  const input = new Uint8Array(8);
  input.set(random);
  input.set(onlineCounter, 4);
  input[6] = 0x80;
  return sessionKeyOf(alg, dlk, input);
}

function sessionKeyOf(alg: Algorithm, key: Uint8Array, input: Uint8Array): Uint8Array {
  if (alg === '3des') return encryptEcb(alg, key, input);
  const block = new Uint8Array(16);
  block.set(input);
  for (let i = 0; i < 8; i++) block[8 + i] = ~input[i]! & 0xff;
  return encryptEcb(alg, key, block);
}

function checkLength(what: string, bytes: Uint8Array, length: number): void {
  if (bytes.length !== length) throw new RangeError(`${what} must be ${length} bytes, got ${bytes.length}`);
}
