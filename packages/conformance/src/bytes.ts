/** Small byte helpers shared by the suite (status words, concatenation, comparison). */

/** Status word of a raw response (0 when the response is shorter than two bytes). */
export function statusWord(response: Uint8Array): number {
  const n = response.length;
  return n < 2 ? 0 : (response[n - 2]! << 8) | response[n - 1]!;
}

/** Response data without the status word. */
export function responseData(response: Uint8Array): Uint8Array {
  return response.subarray(0, Math.max(0, response.length - 2));
}

// The codec's byte helpers and hex forms, for the suite's modules that import them from here.
export { concatBytes, hexByte, hexWord, sameBytes } from '@ssc-cos/apdu-codec';

/** Does `haystack` contain `needle` anywhere (used to look for leaked key bytes)? */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

/** Big-endian 4 bytes (amounts, balances: 12-payment). */
export const u32 = (n: number): Uint8Array =>
  Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

/** Big-endian 2 bytes (counters). */
export const u16 = (n: number): Uint8Array => Uint8Array.of(n >> 8, n & 0xff);
