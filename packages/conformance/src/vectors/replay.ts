/**
 * Replays vectors against a target and reports the first difference. Vectors are compiled
 * once (hex → bytes, patterns → matchers) so a replay is a tight loop of transmit + compare.
 */
import { fromHex, toHex } from '@ssc-cos/apdu-codec';
import type { Exchange } from '../channel/trace.js';
import { compilePattern, type ResponseMatcher } from '../patterns.js';
import type { Target } from '../targets/target.js';
import { isResetStep, type Vector } from './format.js';

interface CompiledStep {
  device: 'card' | 'psam';
  /** null = reset. */
  command: Uint8Array | null;
  cutPowerAfterWrites: number | undefined;
  matcher: ResponseMatcher | null;
  expect: string | undefined;
  note: string | undefined;
}

export interface CompiledVector {
  vector: Vector;
  steps: CompiledStep[];
  needsPsam: boolean;
}

export interface Difference {
  step: number;
  device: 'card' | 'psam';
  command: string | null;
  expected: string;
  actual: string;
  note: string | undefined;
}

export interface ReplayResult {
  name: string;
  apdus: number;
  /** Steps that carried an expected value; 0 = a recording without any ("recorded, not checked"). */
  checked: number;
  difference: Difference | null;
  /** The exchanges up to and including the first difference. */
  trace: Exchange[];
}

export function compileVector(vector: Vector): CompiledVector {
  let needsPsam = false;
  const steps = vector.steps.map((s): CompiledStep => {
    const device = isResetStep(s) ? s.reset : (s.to ?? 'card');
    if (device === 'psam') needsPsam = true;
    return {
      device,
      command: isResetStep(s) ? null : fromHex(s.command),
      cutPowerAfterWrites: isResetStep(s) ? undefined : s.cutPowerAfterWrites,
      matcher: s.expect === undefined ? null : compilePattern(s.expect),
      expect: s.expect,
      note: s.note,
    };
  });
  return { vector, steps, needsPsam };
}

/** Restores the target (a fresh card on the sim), then runs every step; stops at the first difference. */
export async function replay(
  target: Target,
  compiled: CompiledVector,
  keepTrace = true,
): Promise<ReplayResult> {
  await target.restore();
  const trace: Exchange[] = [];
  let apdus = 0;
  const checked = compiled.steps.filter((s) => s.matcher !== null).length;
  const differs = (difference: Difference): ReplayResult => ({
    name: compiled.vector.name,
    apdus,
    checked,
    trace,
    difference,
  });
  for (let i = 0; i < compiled.steps.length; i++) {
    const step = compiled.steps[i]!;
    const transport = step.device === 'card' ? target.card : target.psam;
    if (transport === null) {
      return differs({
        step: i,
        device: step.device,
        command: null,
        expected: 'a PSAM',
        actual: 'no PSAM on this target',
        note: step.note,
      });
    }
    if (step.cutPowerAfterWrites !== undefined) {
      if (target.cutPowerAfterWrites === undefined)
        return differs({
          step: i,
          device: step.device,
          command: step.command === null ? null : toHex(step.command),
          expected: `a power cut after write ${step.cutPowerAfterWrites}`,
          actual: `${target.name} has no power-cut control`,
          note: step.note,
        });
      target.cutPowerAfterWrites(step.cutPowerAfterWrites);
    }
    const response = step.command === null ? await transport.reset() : await transport.transmit(step.command);
    if (step.command !== null) apdus++;
    if (keepTrace) trace.push({ device: step.device, command: step.command, response });
    if (step.matcher !== null && !step.matcher(response)) {
      if (!keepTrace) trace.push({ device: step.device, command: step.command, response });
      return differs({
        step: i,
        device: step.device,
        command: step.command === null ? null : toHex(step.command),
        expected: step.expect ?? '',
        actual: toHex(response),
        note: step.note,
      });
    }
  }
  return { name: compiled.vector.name, apdus, checked, trace, difference: null };
}
