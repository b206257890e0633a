/**
 * Line protection (CLA 04/84) on both sides of the wire, so the MAC rules live in one place:
 * the terminal (one holding the card key, e.g. derived from a master key) builds protected
 * commands and checks response MACs; the card checks command MACs and MACs its responses.
 * A terminal that uses a PSAM instead sends macInput() to it and assembles with protectedApdu().
 */
import type { Algorithm } from './algorithm.js';
import { equalBytes } from './equal-bytes.js';
import { encryptLdBlock } from './ld-block.js';
import {
  MAC_LENGTH,
  type MacTruncation,
  macOfMessage,
  macOfScratch,
  macScratch,
  writeMacHeader,
} from './mac.js';

/** CLA bit that marks secure messaging (00 → 04, 80 → 84). */
export const SM_CLA_BIT = 0x04;

export interface ProtectOptions {
  /** MAC truncation of the profile (default 'left4'). */
  truncation?: MacTruncation;
  /**
   * Send the data field as an encrypted LD block (PIN UNBLOCK, WRITE KEY with type bit 7)
   * under this key; the MAC is then over the ciphertext. Absent: data is sent plain.
   */
  encryptionKey?: Uint8Array;
  /** Le byte to append (case 4), e.g. 0x00 for a `+SM` read. Absent: no Le. */
  le?: number;
}

/**
 * Terminal side: the full command APDU `CLA' INS P1 P2 Lc data' MAC [Le]`, CLA' = CLA with
 * the SM bit set, MAC = lineMac over `CLA' INS P1 P2 Lc` ‖ data' with the IV from `challenge`.
 */
export function protectCommand(
  alg: Algorithm,
  key: Uint8Array,
  challenge: Uint8Array,
  cla: number,
  ins: number,
  p1: number,
  p2: number,
  data: Uint8Array,
  opts: ProtectOptions = {},
): Uint8Array {
  const field = opts.encryptionKey ? encryptLdBlock(alg, opts.encryptionKey, data) : data;
  const smCla = cla | SM_CLA_BIT;
  const scratch = macScratch(alg, 5 + field.length);
  writeMacHeader(scratch, smCla, ins, p1, p2, field.length);
  scratch.set(field, 5);
  const mac = macOfScratch(alg, key, challenge, scratch, 5 + field.length, opts.truncation);
  return protectedApdu(smCla, ins, p1, p2, field, mac, opts.le);
}

/** Assembles `CLA INS P1 P2 Lc data MAC [Le]` from a MAC computed elsewhere (e.g. by a PSAM). */
export function protectedApdu(
  cla: number,
  ins: number,
  p1: number,
  p2: number,
  data: Uint8Array,
  mac: Uint8Array,
  le?: number,
): Uint8Array {
  const lc = data.length + mac.length;
  if (lc > 0xff) throw new RangeError(`data of ${data.length} bytes plus a MAC does not fit a short APDU`);
  const apdu = new Uint8Array(5 + lc + (le === undefined ? 0 : 1));
  apdu[0] = cla;
  apdu[1] = ins;
  apdu[2] = p1;
  apdu[3] = p2;
  apdu[4] = lc;
  apdu.set(data, 5);
  apdu.set(mac, 5 + data.length);
  if (le !== undefined) apdu[5 + lc] = le;
  return apdu;
}

/**
 * Card side: is `dataWithMac` (the whole data field received, `data ‖ MAC4`, so Lc' is its
 * length) correctly MACed under `key` with the IV from the pending `challenge`? False when
 * the field is shorter than a MAC; never throws for any received bytes.
 */
export function verifyCommandMac(
  alg: Algorithm,
  key: Uint8Array,
  challenge: Uint8Array,
  cla: number,
  ins: number,
  p1: number,
  p2: number,
  dataWithMac: Uint8Array,
  truncation: MacTruncation = 'left4',
): boolean {
  if (dataWithMac.length < MAC_LENGTH || dataWithMac.length > 0xff) return false;
  const dataLength = dataWithMac.length - MAC_LENGTH;
  const scratch = macScratch(alg, 5 + dataLength);
  writeMacHeader(scratch, cla, ins, p1, p2, dataLength);
  scratch.set(dataWithMac.subarray(0, dataLength), 5);
  const expected = macOfScratch(alg, key, challenge, scratch, 5 + dataLength, truncation);
  return equalBytes(expected, dataWithMac.subarray(dataLength));
}

/** The data field without its trailing MAC (a view, no copy); empty when shorter than a MAC. */
export function stripMac(dataWithMac: Uint8Array): Uint8Array {
  return dataWithMac.subarray(0, Math.max(0, dataWithMac.length - MAC_LENGTH));
}

/** Card side: the MAC appended to a `+SM` read's response data (same IV as the command). */
export function responseMac(
  alg: Algorithm,
  key: Uint8Array,
  challenge: Uint8Array,
  responseData: Uint8Array,
  truncation: MacTruncation = 'left4',
): Uint8Array {
  return macOfMessage(alg, key, challenge, responseData, truncation);
}

/** Terminal side: does `dataWithMac` (response data ‖ MAC4, without SW) carry the right MAC? */
export function verifyResponseMac(
  alg: Algorithm,
  key: Uint8Array,
  challenge: Uint8Array,
  dataWithMac: Uint8Array,
  truncation: MacTruncation = 'left4',
): boolean {
  if (dataWithMac.length < MAC_LENGTH) return false;
  const data = dataWithMac.subarray(0, dataWithMac.length - MAC_LENGTH);
  return equalBytes(responseMac(alg, key, challenge, data, truncation), dataWithMac.subarray(data.length));
}
