/**
 * Hex text <-> bytes (spaces, tabs and colons between digits are accepted on input), and the
 * upper-case fixed-width forms every message and trace of the workspace prints numbers in.
 */
import { ApduError } from './errors.js';

const HEX_DIGITS = '0123456789ABCDEF';
const BYTE_TO_HEX: string[] = Array.from(
  { length: 256 },
  (_, i) => HEX_DIGITS[i >> 4]! + HEX_DIGITS[i & 15]!,
);

/** Upper-case hex, no separators. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_HEX[bytes[i]!];
  return out;
}

/** A byte (CLA, INS, key id, tag…) as two upper-case hex digits: 0x0a → "0A". */
export function hexByte(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

/** A 16-bit value (status word, FID) as four upper-case hex digits: 0x9000 → "9000". */
export function hexWord(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/** Parses hex text; throws ApduError('bad-hex') on odd length or a non-hex character. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0) throw new ApduError('bad-hex', `odd number of hex digits (${clean.length})`);
  if (!/^[0-9a-fA-F]*$/.test(clean))
    throw new ApduError('bad-hex', `not a hex string: "${text.slice(0, 40)}"`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

/** Concatenates byte arrays into one new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Byte-for-byte equality of non-secret bytes (names, image contents, cache keys); it returns at
 * the first difference. Secrets (MACs, PINs, cryptograms) use crypto's constant-time equalBytes.
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
