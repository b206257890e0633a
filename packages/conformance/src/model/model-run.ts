/**
 * Model-based runs: random command sequences (fast-check `commands`) on a fresh card and on
 * the model at once. A failure is shrunk by fast-check to the shortest sequence, run once more
 * to capture its trace, and returned as a replayable vector.
 */

import { toHex } from '@ssc-cos/apdu-codec';
import fc from 'fast-check';
import { selectFid } from '../apdus.js';
import { concatBytes } from '../bytes.js';
import { Channel } from '../channel/channel.js';
import { type Exchange, TraceLog } from '../channel/trace.js';
import {
  allDfs,
  blockSizeOf,
  type CardDescription,
  type DfDescription,
  type EfDescription,
  pinBytes,
} from '../description/card-description.js';
import type { SuiteKeys } from '../keys/suite-keys.js';
import { selectBelowMf } from '../state/select-below-mf.js';
import type { Target } from '../targets/target.js';
import { VECTOR_FORMAT, type Vector } from '../vectors/format.js';
import { modelCommandArbitraries } from './alphabet.js';
import { initialState, keyKey, type ModelState, type StartingState } from './model-state.js';
import type { ModelReal } from './step.js';

export interface ModelRunOptions {
  runs: number;
  /** Commands per run (at most). */
  length: number;
  seed: number;
  /** Seed of the target card's random source, recorded in failure vectors. */
  cardSeed?: number | null;
  /** Observes every exchange (coverage). */
  observe?: (entry: Exchange) => void;
  /** A real card: the records read from it before the runs, per record file (null = unreadable). */
  records?: ReadonlyMap<EfDescription, Uint8Array[] | null>;
}

export interface ModelFailure {
  message: string;
  commands: string;
  trace: Exchange[];
  vector: Vector;
}

export interface ModelRunResult {
  runs: number;
  commands: number;
  failure: ModelFailure | null;
}

/** The exchanges and model steps of one run, available even when the run failed half-way. */
export interface RunCapture {
  real: ModelReal;
  log: TraceLog;
}

export async function runOnce(
  target: Target,
  card: CardDescription,
  keys: SuiteKeys,
  cmds: Iterable<fc.AsyncCommand<ReturnType<typeof initialState>, ModelReal>>,
  observe: ((entry: Exchange) => void) | undefined,
  keepTrace: boolean,
  lenient = false,
  capture?: (c: RunCapture) => void,
  /** Keep the card as it was (see ModelState.protectCard); default: when the target cannot be replaced. */
  protect = !target.capabilities.freshCard,
  records: ReadonlyMap<EfDescription, Uint8Array[] | null> = new Map(),
): Promise<RunCapture> {
  await target.restore();
  const log = new TraceLog(keepTrace);
  if (observe) log.observe(observe);
  const real: ModelReal = { card: new Channel('card', target.card, log), keys, steps: [], lenient };
  capture?.({ real, log });
  const servable = new Set(
    allDfs(card).flatMap((df) => df.keys.filter((k) => keys.has(k)).map((k) => keyKey(df, k.id))),
  );
  let start: StartingState | undefined;
  if (protect) {
    // A real card: the run starts from the counter the card has now (read without spending a try).
    const pin = await new Channel('card', target.card, new TraceLog(false)).send(
      Uint8Array.of(0x00, 0x20, 0x00, 0x00),
    );
    start = { pinTries: (pin.sw & 0xfff0) === 0x63c0 ? pin.sw & 0x0f : 0, records };
  }
  const model = initialState(card, protect, servable, start);
  try {
    await fc.asyncModelRun(() => ({ model, real }), cmds);
  } finally {
    // Off the record: the restoring exchanges are not part of the run's trace.
    if (protect)
      await restoreCounters(model, { ...real, card: new Channel('card', target.card, new TraceLog(false)) });
  }
  return { real, log };
}

/** Real cards: bring spent PIN and key tries back to their maximum with the right secrets. */
async function restoreCounters(m: ModelState, r: ModelReal): Promise<void> {
  /** Whether every SELECT down to `df` answered 9000; a failed one stops (never restore in the wrong DF). */
  const selectPath = async (df: DfDescription): Promise<boolean> => {
    await r.card.reset();
    if ((await r.card.exchange(selectFid(m.card.mf.fid))).sw !== 0x9000) return false;
    const end = await selectBelowMf(r.card, m.card.mf, df);
    return end === null || end.reply.sw === 0x9000;
  };
  if (m.pinTries > 0 && m.pinTries < m.card.pin.tries && (await selectPath(m.card.mf))) {
    const pin = pinBytes(m.card.pin.digits);
    await r.card.send(concatBytes(Uint8Array.of(0x00, 0x20, 0x00, 0x00, pin.length), pin));
  }
  for (const df of allDfs(m.card)) {
    for (const key of df.keys) {
      const left = m.keyTries.get(keyKey(df, key.id));
      if (left === undefined || left === null || left === 0 || left >= key.tries) continue;
      if (key.role !== 'external-auth' || !r.keys.has(key)) continue;
      if (!(await selectPath(df))) continue;
      const challenge = await r.card.send(Uint8Array.of(0x00, 0x84, 0x00, 0x00, 8));
      const x = new Uint8Array(blockSizeOf(m.card)).fill(0x5a);
      const c = await r.keys.sessionCryptogram(key, challenge.data, x);
      await r.card.send(concatBytes(Uint8Array.of(0x00, 0x82, 0x00, key.id, c.length + x.length), c, x));
    }
  }
  await r.card.reset();
}

export async function runModel(
  target: Target,
  card: CardDescription,
  keys: SuiteKeys,
  opts: ModelRunOptions,
): Promise<ModelRunResult> {
  let commands = 0;
  const property = fc.asyncProperty(
    fc.commands(modelCommandArbitraries(), { maxCommands: opts.length, size: 'max' }),
    async (cmds) => {
      const { real } = await runOnce(
        target,
        card,
        keys,
        cmds,
        opts.observe,
        false,
        false,
        undefined,
        undefined,
        opts.records,
      );
      commands += real.steps.length;
    },
  );
  const details = await fc.check(property, { numRuns: opts.runs, seed: opts.seed, endOnFailure: false });
  if (!details.failed || details.counterexample === null)
    return { runs: details.numRuns, commands, failure: null };
  const [shrunk] = details.counterexample;
  // Run the shrunk sequence again, keeping its trace and the model's expectations.
  let captured: RunCapture | null = null;
  let message = String(
    details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance,
  );
  try {
    await runOnce(
      target,
      card,
      keys,
      shrunk,
      undefined,
      true,
      false,
      (c) => {
        captured = c;
      },
      undefined,
      opts.records,
    );
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  const done = captured as RunCapture | null;
  const trace = done?.log.entries ?? [];
  const steps = done?.real.steps ?? [];
  const vector: Vector = {
    format: VECTOR_FORMAT,
    version: 1,
    kind: 'failure',
    name: `model-failure-${card.profile}-seed-${opts.seed}`,
    profile: card.profile,
    seed: opts.cardSeed ?? null,
    clause: '08-conformance §Model-based properties',
    notes: [
      `shrunk by fast-check (seed ${opts.seed}, path ${details.counterexamplePath ?? '?'}): ${shrunk.toString()}`,
      `failure: ${message}`,
      'expect = what the model predicts; the last step is where the card differed',
    ],
    steps: steps.map((s, i) => {
      const actual = trace[i];
      const note =
        actual && i === steps.length - 1 ? `${s.note}; card answered ${toHex(actual.response)}` : s.note;
      return s.command === null
        ? { reset: 'card' as const, note }
        : { command: toHex(s.command), expect: s.expect, note };
    }),
  };
  return {
    runs: details.numRuns,
    commands,
    failure: { message, commands: shrunk.toString(), trace, vector },
  };
}
