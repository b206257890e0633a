/** Big-endian unsigned fields of the passbook's wire format (amounts b 4, counters b 2, overdraft b 3). */

/** `value` as `width` big-endian bytes; RangeError when it does not fit. */
export function uintBytes(value: number, width: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** (8 * width))
    throw new RangeError(`${value} does not fit ${width} unsigned bytes`);
  const out = new Uint8Array(width);
  for (let i = width - 1, v = value; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v % 256;
  return out;
}

/** The big-endian unsigned number held by `bytes` (at most 6 bytes, so it stays exact). */
export function uintOf(bytes: Uint8Array): number {
  let v = 0;
  for (let i = 0; i < bytes.length; i++) v = v * 256 + bytes[i]!;
  return v;
}
