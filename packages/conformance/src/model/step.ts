/**
 * What every command of the model alphabet shares: the real side it talks to (card channel,
 * keys, the steps recorded for a failure vector), how one step is sent and checked, and the
 * small expectation builders.
 */
import type fc from 'fast-check';
import type { Channel, ChannelReply } from '../channel/channel.js';
import type { SuiteKeys } from '../keys/suite-keys.js';
import { type Expectation, expectationPattern, mismatch } from './expectation.js';
import type { ModelState } from './model-state.js';

export interface ModelReal {
  card: Channel;
  keys: SuiteKeys;
  /** Each step with the model's expectation, to write a failing run as a vector. */
  steps: Array<{ command: Uint8Array | null; expect: string; note: string }>;
  /** Differential mode: record disagreements with the model instead of failing on them. */
  lenient?: boolean;
}

export class ModelMismatch extends Error {
  override readonly name = 'ModelMismatch';
}

export type Cmd = fc.AsyncCommand<ModelState, ModelReal>;

export const ANY_DATA_OK = (n: number | undefined): Expectation => ({
  sw: ['9000'],
  ...(n === undefined ? {} : { data: n }),
});

export function status(...sw: string[]): Expectation {
  return { sw, data: null };
}

/** Sends, records the step, checks the reply; the caller then updates the model. */
export async function step(
  r: ModelReal,
  label: string,
  apdu: Uint8Array,
  e: Expectation,
): Promise<ChannelReply> {
  r.steps.push({ command: apdu, expect: expectationPattern(e), note: label });
  const reply = await r.card.send(apdu);
  const why = mismatch(reply, e);
  if (why !== null && !r.lenient) throw new ModelMismatch(`${label}: ${why}`);
  return reply;
}

/** Every command but GET CHALLENGE / GET RESPONSE consumes the challenge and pending data. */
export function consume(m: ModelState): void {
  m.challenge = null;
  m.pending = null;
}
