/** Values other parts read out of a validated profile's MF (card identification code, PSAM terminal number). */
import { type DfSpec, isDfSpec } from './types.js';

/** Value of the record with tag 01 in the MF EF with SFI 05 (the card identification code). */
export function cardIdentification(mf: DfSpec): Uint8Array | null {
  for (const child of mf.children) {
    if (isDfSpec(child) || child.sfi !== 0x05 || child.type !== 'variable') continue;
    const record = child.records.find((r) => r[0] === 0x01);
    return record === undefined ? null : record.subarray(2);
  }
  return null;
}

/** Decimal digits of BCD bytes, or null if a nibble is not a digit. */
export function bcdDigits(bytes: Uint8Array): string | null {
  let out = '';
  for (const b of bytes) {
    if (b >> 4 > 9 || (b & 15) > 9) return null;
    out += (b >> 4).toString() + (b & 15).toString();
  }
  return out;
}

/** The PSAM's EF with SFI 16h (terminal number, cn 6), when well formed. */
export function terminalNumberFile(mf: DfSpec): Uint8Array | null {
  for (const child of mf.children) {
    if (isDfSpec(child) || child.sfi !== 0x16 || child.type !== 'transparent') continue;
    return child.size === 6 && child.data !== null ? child.data : null;
  }
  return null;
}
