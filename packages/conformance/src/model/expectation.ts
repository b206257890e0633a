/**
 * What the model predicts for one command: the status words it allows (where the spec leaves
 * an order open, more than one) and the data — exact bytes, a length, or anything.
 */
import { toHex } from '@ssc-cos/apdu-codec';
import { hexWord, sameBytes } from '../bytes.js';
import type { ChannelReply } from '../channel/channel.js';
import { responsePattern, swMatches } from '../patterns.js';

export interface Expectation {
  sw: readonly string[];
  /** Exact bytes, a length of unpredictable bytes, or null for "no data". Absent = anything. */
  data?: Uint8Array | number | null;
}

export function describeExpectation(e: Expectation): string {
  let data = '';
  if (e.data instanceof Uint8Array) data = `${toHex(e.data)} `;
  else if (typeof e.data === 'number') data = `<${e.data} bytes> `;
  return `${data}${e.sw.join('|')}`;
}

/** Null when the reply meets the expectation, else a one-line reason. */
export function mismatch(reply: ChannelReply, e: Expectation): string | null {
  if (!e.sw.some((p) => swMatches(reply.sw, p)))
    return `SW ${hexWord(reply.sw)}, expected ${e.sw.join(' or ')}`;
  const success = reply.sw === 0x9000 || reply.sw === 0x6283;
  if (!success)
    return reply.data.length === 0
      ? null
      : `SW ${hexWord(reply.sw)} came with ${reply.data.length} data bytes`;
  if (e.data === undefined) return null;
  if (e.data === null) return reply.data.length === 0 ? null : `unexpected ${reply.data.length} data bytes`;
  if (typeof e.data === 'number')
    return reply.data.length === e.data ? null : `${reply.data.length} data bytes, expected ${e.data}`;
  return sameBytes(reply.data, e.data) ? null : `data ${toHex(reply.data)}, expected ${toHex(e.data)}`;
}

/** The vector pattern of an expectation (docs/vectors.md). */
export function expectationPattern(e: Expectation): string {
  return responsePattern(e.sw, e.data);
}
