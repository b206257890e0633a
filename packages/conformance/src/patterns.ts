/**
 * The one pattern language of the suite (docs/vectors.md), for status words and for whole
 * responses: hex where `?` is any one hex digit ("63C?", "61??", "????9000"), or `/regex/`
 * over the upper-case hex. Cases, the model and vectors all match through this module, and
 * a pattern is compiled once so replay compares bytes, not strings.
 */
import { hexWord, toHex } from '@ssc-cos/apdu-codec';

/** A status-word pattern: 4 hex digits, `?` for any digit (e.g. "63C?", "61??"). */
export type SwPattern = string;

export type ResponseMatcher = (response: Uint8Array) => boolean;

/** The status word of a wrong PIN or key with `n` tries left (0 ≤ n ≤ 15): 63Cn. */
export function triesSw(n: number): SwPattern {
  return hexWord(0x63c0 | n);
}

export class PatternError extends Error {
  override readonly name = 'PatternError';
}

/** Hex with `?` nibbles → value/mask bytes, or null when it is not such a pattern. */
function nibbleMasks(text: string): { value: Uint8Array; mask: Uint8Array } | null {
  if (text.length % 2 !== 0 || !/^[0-9A-Fa-f?]*$/.test(text)) return null;
  const n = text.length / 2;
  const value = new Uint8Array(n);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const hi = text[2 * i]!;
    const lo = text[2 * i + 1]!;
    value[i] = (hi === '?' ? 0 : Number.parseInt(hi, 16) << 4) | (lo === '?' ? 0 : Number.parseInt(lo, 16));
    mask[i] = (hi === '?' ? 0 : 0xf0) | (lo === '?' ? 0 : 0x0f);
  }
  return { value, mask };
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
  const masks = nibbleMasks(text);
  if (masks === null) throw new PatternError(`bad response pattern "${pattern}"`);
  const { value, mask } = masks;
  const n = value.length;
  return (response) => {
    if (response.length !== n) return false;
    for (let i = 0; i < n; i++) if ((response[i]! & mask[i]!) !== value[i]) return false;
    return true;
  };
}

const swMatchers = new Map<SwPattern, ResponseMatcher>();

export function swMatches(sw: number, pattern: SwPattern): boolean {
  let matcher = swMatchers.get(pattern);
  if (matcher === undefined) {
    if (pattern.length !== 4) throw new PatternError(`bad status-word pattern "${pattern}"`);
    matcher = compilePattern(pattern);
    swMatchers.set(pattern, matcher);
  }
  return matcher(Uint8Array.of((sw >> 8) & 0xff, sw & 0xff));
}

/**
 * The response pattern of "data, then one of these status words": exact data bytes, a number
 * of unknown bytes, no data (null), or any data (undefined).
 */
export function responsePattern(
  sws: readonly SwPattern[],
  data: Uint8Array | number | null | undefined,
): string {
  const sw = sws[0] ?? '????';
  if (sws.length > 1) {
    const alternatives = sws.map((s) => s.replace(/\?/g, '.')).join('|');
    return `/^(?:.*)(?:${alternatives})$/`;
  }
  if (data instanceof Uint8Array) return toHex(data) + sw;
  if (typeof data === 'number') return '??'.repeat(data) + sw;
  if (data === null) return sw;
  return `/^(?:[0-9A-F]{2})*${sw.replace(/\?/g, '[0-9A-F]')}$/`;
}
