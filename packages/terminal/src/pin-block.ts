/**
 * PIN encodings of the card commands (02-commands.md, 04-crypto.md): BCD digits with F
 * padding, and the plain `LD ‖ PIN ‖ 80 00…` block PIN UNBLOCK encrypts.
 */
import { pinBytes } from '@ssc-cos/apdu-codec';

/** "123456" → 12 34 56; "12345" → 12 34 5F. 4–12 digits (2–6 bytes, 02-commands.md). */
export function pinBcd(pin: string): Uint8Array {
  if (!/^[0-9]{4,12}$/.test(pin)) throw new RangeError('a PIN is 4 to 12 decimal digits');
  return pinBytes(pin);
}

/** `LD ‖ plain ‖ 80 00…` to whole blocks; no padding when already aligned (04-crypto.md). */
export function ldBlockPlain(plain: Uint8Array, blockSize: number): Uint8Array {
  const used = 1 + plain.length;
  const out = new Uint8Array(Math.ceil(used / blockSize) * blockSize);
  out[0] = plain.length;
  out.set(plain, 1);
  if (used < out.length) out[used] = 0x80;
  return out;
}
