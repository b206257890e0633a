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

export { concatBytes } from '@ssc-cos/apdu-codec';

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Does `haystack` contain `needle` anywhere (used to look for leaked key bytes)? */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function hex4(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

export function byteHex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}
