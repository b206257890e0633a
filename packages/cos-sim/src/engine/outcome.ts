/**
 * What a handler's `execute` answers: a bare status word (no response data, no allocation), or
 * a status word with response data. The dispatcher is the only reader: it may add the response
 * MAC, keep the data for GET RESPONSE (T=0 case 4) or drop them (a failed command answers none).
 */
import { SW_SUCCESS } from './status.js';

/** A status word with response data (sent before the status word). */
export interface Answer {
  readonly sw: number;
  /** A view is fine (e.g. into an EF's bytes): images are never modified in place. */
  readonly data: Uint8Array;
}

export type CommandOutcome = number | Answer;

/** The outcome "these response data, then `sw`" (9000 unless said otherwise). */
export function respond(data: Uint8Array, sw: number = SW_SUCCESS): Answer {
  return { sw, data };
}

/** The status word of an outcome. */
export function statusOf(outcome: CommandOutcome): number {
  return typeof outcome === 'number' ? outcome : outcome.sw;
}
