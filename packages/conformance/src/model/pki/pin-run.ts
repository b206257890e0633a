/**
 * PKI PIN-state runs: random sequences of the PIN alphabet on the card and on the model at
 * once (fast-check `commands`), each on a fresh card where the target gives one. On a card
 * that stays, no counter goes below 2 and every spent try is refilled by a right ciphered
 * VERIFY after the run (a right VERIFY refills a counter that has not reached 0).
 */
import { fromHex, hexWord } from '@ssc-cos/apdu-codec';
import { cipheredPin } from '@ssc-cos/apdu-codec/crypto';
import { pinBcd } from '@ssc-cos/terminal';
import fc from 'fast-check';
import { concatBytes } from '../../bytes.js';
import { Channel } from '../../channel/channel.js';
import { type Exchange, TraceLog } from '../../channel/trace.js';
import type { SuiteKeys } from '../../keys/suite-keys.js';
import type { Target } from '../../targets/target.js';
import { ModelMismatch, type ModelReal } from '../step.js';
import { openPkiAdf, type PkiCmd, pkiPinCommandArbitraries } from './pin-commands.js';
import { type PinCounter, type PkiPinModel, pkiPinModel } from './pin-model.js';

export interface PkiPinRunOptions {
  runs: number;
  length: number;
  seed: number;
  user: { digits: string; tries: number };
  admin: { digits: string; tries: number };
  observe?: (entry: Exchange) => void;
}

export interface PkiPinRunResult {
  runs: number;
  commands: number;
  failure: { message: string; commands: string; trace: Exchange[] } | null;
}

async function runOnce(
  target: Target,
  keys: SuiteKeys,
  opts: PkiPinRunOptions,
  cmds: Iterable<PkiCmd>,
  log: TraceLog,
): Promise<ModelReal> {
  const protect = !target.capabilities.freshCard;
  await target.restore();
  const real: ModelReal = { card: new Channel('card', target.card, log), keys, steps: [] };
  const model = pkiPinModel(opts.user, opts.admin, protect);
  await real.card.reset();
  try {
    await openPkiAdf(model, real);
    if (target.capabilities.freshCard) await generateSigningPair(model, real);
    await fc.asyncModelRun(() => ({ model, real }), cmds);
  } finally {
    if (protect)
      await refill(model, { ...real, card: new Channel('card', target.card, new TraceLog(false)) });
  }
  return real;
}

/**
 * A fresh card has no signing pair, so a signature would answer 6A88 before the PIN is looked
 * at: make one (user PIN, 80 40), then start the session again. Only where the card is thrown
 * away after the run; on a card that stays the model learns from the first signature instead.
 */
async function generateSigningPair(m: PkiPinModel, r: ModelReal): Promise<void> {
  const challenge = await r.card.exchange(Uint8Array.of(0x00, 0x84, 0x00, 0x00, 0x10));
  const steps: Array<[string, Uint8Array]> = [
    [
      'VERIFY user PIN ciphered (set-up)',
      concatBytes(
        Uint8Array.of(0x00, 0x20, 0x01, 0x81, 0x10),
        cipheredPin(pinBcd(m.user.digits), challenge.data),
      ),
    ],
    ['GENERATE KEY PAIR (set-up)', fromHex('8040000008C0020012C2020013')],
  ];
  for (const [what, apdu] of steps) {
    const reply = await r.card.exchange(apdu);
    if (reply.sw !== 0x9000) throw new ModelMismatch(`${what}: SW ${hexWord(reply.sw)}, expected 9000`);
  }
  await r.card.reset();
  await openPkiAdf(m, r);
  m.signingPair = true;
}

/** Off the record: a right ciphered VERIFY of each PIN a try was spent of. */
async function refill(m: PkiPinModel, off: ModelReal): Promise<void> {
  const spent = (p: PinCounter): boolean => p.tries > 0 && p.tries < p.max;
  if (!spent(m.user) && !spent(m.admin)) return;
  const real: ModelReal = { ...off, steps: [], lenient: true };
  const card = real.card;
  await card.reset();
  await openPkiAdf(m, real);
  for (const [pin, p2] of [
    [m.user, 0x81],
    [m.admin, 0x00],
  ] as const) {
    if (!spent(pin)) continue;
    const r = await card.exchange(Uint8Array.of(0x00, 0x84, 0x00, 0x00, 0x10));
    await card.exchange(
      concatBytes(Uint8Array.of(0x00, 0x20, 0x01, p2, 0x10), cipheredPin(pinBcd(pin.digits), r.data)),
    );
  }
  await card.reset();
}

export async function runPkiPinModel(
  target: Target,
  keys: SuiteKeys,
  opts: PkiPinRunOptions,
): Promise<PkiPinRunResult> {
  let commands = 0;
  const property = fc.asyncProperty(
    fc.commands(pkiPinCommandArbitraries(), { maxCommands: opts.length, size: 'max' }),
    async (cmds) => {
      const log = new TraceLog(false);
      if (opts.observe) log.observe(opts.observe);
      const real = await runOnce(target, keys, opts, cmds, log);
      commands += real.steps.length;
    },
  );
  const details = await fc.check(property, { numRuns: opts.runs, seed: opts.seed, endOnFailure: false });
  if (!details.failed || details.counterexample === null)
    return { runs: details.numRuns, commands, failure: null };
  const [shrunk] = details.counterexample;
  let message = String(
    details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance,
  );
  // Run the shrunk sequence again, keeping its trace.
  const log = new TraceLog(true);
  try {
    await runOnce(target, keys, opts, shrunk, log);
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  return {
    runs: details.numRuns,
    commands,
    failure: { message, commands: shrunk.toString(), trace: log.entries },
  };
}
