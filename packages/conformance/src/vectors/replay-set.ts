/**
 * Replays many vectors, each on a target matching the vector (sim: its profile, PSAM and seed;
 * other targets: the one given). Targets for the same (profile, PSAM, seed) are reused.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import { type OpenedTarget, openTarget } from '../targets/open-target.js';
import type { Target } from '../targets/target.js';
import type { Vector } from './format.js';
import { compileVector, type ReplayResult, replay } from './replay.js';

export interface ReplaySetOptions {
  /** Fixed target (pcsc); absent = a sim target per vector. */
  target?: Target;
  /** Overrides for sim targets. */
  profile?: string | null;
  psam?: string | null;
  seed?: number | null;
  /** sim: wraps each card transport (defect doubles). */
  wrap?: (card: Transport) => Transport;
}

export async function replayAll(vectors: readonly Vector[], opts: ReplaySetOptions): Promise<ReplayResult[]> {
  const sims = new Map<string, OpenedTarget>();
  const results: ReplayResult[] = [];
  for (const vector of vectors) {
    let target = opts.target;
    if (target === undefined) {
      const profile = opts.profile ?? vector.profile;
      const psam = opts.psam ?? vector.psam ?? null;
      const seed = opts.seed ?? vector.seed;
      const key = `${profile}|${psam}|${seed}`;
      let opened = sims.get(key);
      if (!opened) {
        opened = await openTarget({
          kind: 'sim',
          profile,
          psam,
          seed,
          ...(opts.wrap ? { wrap: opts.wrap } : {}),
        });
        sims.set(key, opened);
      }
      target = opened.target;
    }
    results.push(await replay(target, compileVector(vector)));
  }
  return results;
}
