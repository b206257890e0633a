/**
 * PIN encoding (02-commands.md): 2–6 bytes of BCD, right-padded with F nibbles; any other
 * nibble above 9 is invalid (6A80). PINs compare by their digits, so `123456` and `12 34 56`
 * sent with different padding lengths are the same PIN only when the digits are.
 */
export const PIN_MIN_BYTES = 2;
export const PIN_MAX_BYTES = 6;

/** The PIN's digits (one per byte), or null when the encoding is invalid. */
export function pinDigits(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < PIN_MIN_BYTES || bytes.length > PIN_MAX_BYTES) return null;
  const digits = new Uint8Array(bytes.length * 2);
  let count = 0;
  let padding = false;
  for (let i = 0; i < bytes.length * 2; i++) {
    const nibble = (bytes[i >> 1]! >> (i & 1 ? 0 : 4)) & 0x0f;
    if (nibble === 0x0f) padding = true;
    else if (padding || nibble > 9) return null;
    else digits[count++] = nibble;
  }
  return count === 0 ? null : digits.subarray(0, count);
}

export function pinValid(bytes: Uint8Array): boolean {
  return pinDigits(bytes) !== null;
}
