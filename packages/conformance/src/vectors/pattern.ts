/**
 * Response patterns, compiled once so replay compares bytes, not strings: hex with `?` for a
 * free nibble, or `/regex/` over the upper-case hex (the only case that builds a string).
 */
import { toHex } from '@ssc-cos/apdu-codec';

export type ResponseMatcher = (response: Uint8Array) => boolean;

export class PatternError extends Error {
  override readonly name = 'PatternError';
}

export function compilePattern(pattern: string): ResponseMatcher {
  const text = pattern.replace(/\s+/g, '');
  if (text.length >= 2 && text.startsWith('/') && text.endsWith('/')) {
    let re: RegExp;
    try {
      re = new RegExp(text.slice(1, -1), 'i');
    } catch (e) {
      throw new PatternError(`bad regular expression ${text}: ${(e as Error).message}`);
    }
    return (response) => re.test(toHex(response));
  }
  if (text.length % 2 !== 0 || !/^[0-9A-Fa-f?]*$/.test(text))
    throw new PatternError(`bad response pattern "${pattern}"`);
  const n = text.length / 2;
  const value = new Uint8Array(n);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const hi = text[2 * i]!;
    const lo = text[2 * i + 1]!;
    value[i] = (hi === '?' ? 0 : Number.parseInt(hi, 16) << 4) | (lo === '?' ? 0 : Number.parseInt(lo, 16));
    mask[i] = (hi === '?' ? 0 : 0xf0) | (lo === '?' ? 0 : 0x0f);
  }
  return (response) => {
    if (response.length !== n) return false;
    for (let i = 0; i < n; i++) if ((response[i]! & mask[i]!) !== value[i]) return false;
    return true;
  };
}
