/**
 * Conformance suite figures: golden-vector replay in process (goal: ≥ 10,000 APDUs in < 1 s)
 * and model-based runs (goal: 1,000 runs of 20 commands in < 30 s).
 */
// Relative imports: the workspace root does not depend on the packages (see crypto.bench.ts).
import { fileURLToPath } from 'node:url';
import { suiteKeysFor } from '../packages/conformance/src/keys/suite-keys.js';
import { runModel } from '../packages/conformance/src/model/model-run.js';
import { openTarget } from '../packages/conformance/src/targets/open-target.js';
import type { Target } from '../packages/conformance/src/targets/target.js';
import { type CompiledVector, compileVector, replay } from '../packages/conformance/src/vectors/replay.js';
import { readVectorFile } from '../packages/conformance/src/vectors/vector-file.js';
import { vectorPaths } from '../packages/conformance/src/vectors/vector-set.js';
import { type Figure, figureFromSamples } from './harness.js';

const GOLDEN = fileURLToPath(new URL('../vectors/golden/', import.meta.url));

async function replayFigure(profile: string): Promise<Figure> {
  const vectors = vectorPaths([`${GOLDEN}${profile}`])
    .map(readVectorFile)
    .map(compileVector);
  // Each vector names the PSAM it was recorded with (payment vectors need psam-hospital's
  // purchase key): one in-process target per PSAM, opened once.
  const targets = new Map<string, Target>();
  for (const v of vectors) {
    const psam = v.vector.psam ?? 'psam-issuer';
    if (!targets.has(psam))
      targets.set(psam, (await openTarget({ kind: 'sim', profile, psam, seed: 1 })).target);
  }
  const targetOf = (v: CompiledVector): Target => targets.get(v.vector.psam ?? 'psam-issuer') as Target;
  const pass = async (set: CompiledVector[]): Promise<number> => {
    let apdus = 0;
    for (const v of set) {
      const r = await replay(targetOf(v), v, false);
      if (r.difference) throw new Error(`${r.name} differs at step ${r.difference.step + 1}`);
      apdus += r.apdus;
    }
    return apdus;
  };
  await pass(vectors); // warm-up
  const samples: number[] = [];
  for (let run = 0; run < 5; run++) {
    let apdus = 0;
    const t0 = process.hrtime.bigint();
    while (apdus < 10_000) apdus += await pass(vectors);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    samples.push(apdus / seconds);
  }
  return figureFromSamples(
    `conformance.golden-replay.${profile}`,
    `golden replay in process, ${profile} (card + PSAM, fresh card per vector)`,
    'APDUs/s',
    samples,
    { direction: 'min', target: 10_000 },
    'goal: ≥ 10,000 APDUs in < 1 s',
  );
}

async function modelFigure(profile: string): Promise<Figure> {
  const { target, description } = await openTarget({ kind: 'sim', profile, seed: 1 });
  const keys = suiteKeysFor(description)(null);
  const samples: number[] = [];
  let commands = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = process.hrtime.bigint();
    const r = await runModel(target, description, keys, { runs: 1000, length: 40, seed: 1000 + run });
    if (r.failure) throw new Error(`model run failed: ${r.failure.message}`);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e9);
    commands = r.commands;
  }
  return figureFromSamples(
    `conformance.model-runs.${profile}`,
    `1,000 model-based runs (20 commands each on average), ${profile}`,
    's',
    samples,
    { direction: 'max', target: 30 },
    `${commands} commands checked against the model in the last run (fast-check picks 0..40 per run, mean ≈ 20)`,
  );
}

export async function figures(): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const profile of ['ssc-2g-des', 'ssc-3g-sm4'])
    out.push(await replayFigure(profile), await modelFigure(profile));
  return out;
}
