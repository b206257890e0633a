/**
 * Recording: run a flow (or a recording without expectations, e.g. an imported scriptor file)
 * through any target and write what the card answered as the expected responses. Without a
 * seed, challenge bytes are written as `??` patterns (they cannot repeat).
 */
import { fromHex, toHex } from '@ssc-cos/apdu-codec';
import { exchangeName } from '../channel/apdu-names.js';
import { Channel } from '../channel/channel.js';
import { type Exchange, TraceLog } from '../channel/trace.js';
import type { CardDescription } from '../description/card-description.js';
import type { SuiteKeys } from '../keys/suite-keys.js';
import { Kit } from '../kit/kit.js';
import type { Target } from '../targets/target.js';
import { isResetStep, VECTOR_FORMAT, type Vector, type VectorStep } from './format.js';
import type { KitFlow } from './kit-flow.js';

export interface RecordMeta {
  profile: string;
  psam: string | null;
  seed: number | null;
}

/**
 * A recorded response as the expected one: its hex, with the data of a GET CHALLENGE (84) that
 * succeeded as `?` when `maskChallenge` (without a seed a challenge cannot repeat).
 */
export function expectedResponse(
  command: Uint8Array | null,
  response: Uint8Array,
  maskChallenge: boolean,
): string {
  const hex = toHex(response);
  if (maskChallenge && command !== null && command[1] === 0x84 && hex.endsWith('9000'))
    return `${'?'.repeat(hex.length - 4)}9000`;
  return hex;
}

export function stepsOf(trace: readonly Exchange[], seeded: boolean): VectorStep[] {
  return trace.map(
    (e): VectorStep =>
      e.command === null
        ? { reset: e.device, expect: toHex(e.response) }
        : {
            ...(e.device === 'psam' ? { to: 'psam' as const } : {}),
            command: toHex(e.command),
            ...(e.cutPowerAfterWrites !== undefined ? { cutPowerAfterWrites: e.cutPowerAfterWrites } : {}),
            expect: expectedResponse(e.command, e.response, !seeded),
            note: exchangeName(e.command),
          },
  );
}

/** Restores the target, then logs every exchange from here on (`observe` sees each as it happens). */
async function restoredLog(target: Target, observe?: (entry: Exchange) => void): Promise<TraceLog> {
  await target.restore();
  const log = new TraceLog();
  if (observe) log.observe(observe);
  return log;
}

export async function recordFlow(
  target: Target,
  description: CardDescription,
  keys: (psam: Channel | null) => SuiteKeys,
  flow: KitFlow,
  meta: RecordMeta,
  /** Every exchange as it happens (`record --trace`). */
  observe?: (entry: Exchange) => void,
): Promise<Vector> {
  const log = await restoredLog(target, observe);
  const psam = target.psam ? new Channel('psam', target.psam, log) : null;
  const kit = new Kit({
    card: new Channel('card', target.card, log),
    psam,
    description,
    keys: keys(psam),
    target,
  });
  await flow.run(kit);
  return {
    format: VECTOR_FORMAT,
    version: 1,
    kind: 'golden',
    name: `${meta.profile}/${flow.name}`,
    profile: meta.profile,
    psam: meta.psam,
    seed: meta.seed,
    clause: flow.clause,
    notes: [
      flow.title,
      `recorded through ${target.name}; every step was checked against the spec by the flow while recording`,
    ],
    steps: stepsOf(log.entries, meta.seed !== null),
  };
}

/** Sends every command of `source` (expectations ignored) and returns it with the responses. */
export async function recordSteps(
  target: Target,
  source: Vector,
  meta: RecordMeta,
  observe?: (entry: Exchange) => void,
): Promise<Vector> {
  const log = await restoredLog(target, observe);
  const trace = log.entries;
  for (const step of source.steps) {
    const device = isResetStep(step) ? step.reset : (step.to ?? 'card');
    const transport = device === 'card' ? target.card : target.psam;
    if (transport === null) throw new Error(`${source.name}: a step needs a PSAM and the target has none`);
    const timestamp = Date.now();
    if (isResetStep(step)) {
      const response = await transport.reset();
      log.add({ device, command: null, response, timestamp, answeredAt: Date.now() });
      continue;
    }
    const command = fromHex(step.command);
    const cut = step.cutPowerAfterWrites;
    if (cut !== undefined) {
      if (target.cutPowerAfterWrites === undefined)
        throw new Error(`${source.name}: a step cuts power and ${target.name} cannot`);
      target.cutPowerAfterWrites(cut);
    }
    const response = await transport.transmit(command);
    log.add({
      device,
      command,
      response,
      timestamp,
      answeredAt: Date.now(),
      ...(cut !== undefined ? { cutPowerAfterWrites: cut } : {}),
    });
  }
  return {
    ...source,
    kind: 'recording',
    profile: meta.profile,
    psam: meta.psam,
    seed: meta.seed,
    notes: [...(source.notes ?? []), `recorded through ${target.name}`],
    steps: stepsOf(trace, meta.seed !== null),
  };
}
