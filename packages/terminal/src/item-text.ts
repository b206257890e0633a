/**
 * The text forms of the card's items (01-card.md): cn as the digits of F-padded BCD, an as
 * stored, GBK without its padding. Read by the basic information (basic-info.ts) and by the
 * SDK's item values (sdk/item-values.ts), so it lives below both.
 */
const gbkDecoder = new TextDecoder('gbk');
const latin1 = new TextDecoder('latin1');

export function trimEnd(value: Uint8Array, pad: number): Uint8Array {
  let end = value.length;
  while (end > 0 && value[end - 1] === pad) end--;
  return value.subarray(0, end);
}

/** Digits of F-padded BCD (cn), up to the first F nibble; cos-sim's profile has the strict bcdDigits. */
export function paddedBcdDigits(value: Uint8Array): string {
  let out = '';
  for (const b of value) {
    for (const nibble of [b >> 4, b & 0x0f]) {
      if (nibble === 0x0f) return out;
      out += nibble.toString(10);
    }
  }
  return out;
}

/** ASCII (an) as stored, no trimming. */
export function latin1Text(value: Uint8Array): string {
  return latin1.decode(value);
}

/** GBK text without its padding (00, or FF for the 3g name extension). */
export function gbkText(value: Uint8Array, pad: number): string {
  return gbkDecoder.decode(trimEnd(value, pad));
}
