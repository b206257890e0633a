/**
 * Golden vectors (vectors/golden/<profile>/<flow>.json): every terminal flow of 05-psam.md,
 * the lifecycle of 03-security.md and the payment flows of 12-payment (a purchase, a load, a
 * recovered torn purchase), for every built-in profile, replayed on a seeded simulator must
 * reproduce every byte.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { describeProfile } from '../src/description/from-profile.js';
import { loadCardProfile, openTarget } from '../src/targets/open-target.js';
import type { Target } from '../src/targets/target.js';
import { FLOWS } from '../src/vectors/flows.js';
import { compileVector, replay } from '../src/vectors/replay.js';
import { replayAll } from '../src/vectors/replay-set.js';
import { readVectorFile } from '../src/vectors/vector-file.js';
import { vectorPaths } from '../src/vectors/vector-set.js';
import { DEFECTS } from './doubles/defects.js';

const GOLDEN = fileURLToPath(new URL('../../../vectors/golden/', import.meta.url));
const PROFILES = ['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des'];

describe('golden vectors', () => {
  for (const profile of PROFILES) {
    test(`05-psam, 03-security §Lifecycle: every flow has a golden vector for ${profile}`, () => {
      const names = vectorPaths([`${GOLDEN}${profile}`]).map((p) => readVectorFile(p).name);
      expect(names.sort()).toEqual(FLOWS.map((f) => `${profile}/${f.name}`).sort());
    });

    test(`08-conformance §Vectors: the golden vectors of ${profile} replay without difference`, async () => {
      const vectors = vectorPaths([`${GOLDEN}${profile}`]).map(readVectorFile);
      const results = await replayAll(vectors, {});
      expect(
        results.filter((r) => r.difference !== null).map((r) => `${r.name}: ${JSON.stringify(r.difference)}`),
      ).toEqual([]);
      expect(results.reduce((n, r) => n + r.apdus, 0)).toBeGreaterThan(100);
    });
  }

  test('12-payment 防拔: the torn-purchase vector differs where the target cannot cut power, and where the card ignores the cut', async () => {
    const vector = readVectorFile(`${GOLDEN}ssc-3g-sm4/torn-purchase-recovered.json`);
    const torn = vector.steps.findIndex((s) => 'cutPowerAfterWrites' in s);
    const { target } = await openTarget({
      kind: 'sim',
      profile: 'ssc-3g-sm4',
      psam: 'psam-hospital',
      seed: 1,
    });
    const noHook: Target = {
      name: 'a reader',
      card: target.card,
      psam: target.psam,
      capabilities: target.capabilities,
      restore: () => target.restore(),
      close: () => target.close(),
    };
    const without = await replay(noHook, compileVector(vector));
    expect(without.difference).toMatchObject({ step: torn, actual: 'a reader has no power-cut control' });
    const ignoring: Target = { ...noHook, cutPowerAfterWrites: () => {} };
    const answered = await replay(ignoring, compileVector(vector));
    expect(answered.difference?.step).toBe(torn);
    expect(answered.difference?.actual).toBe('6108'); // T=0: the DEBIT answered, its TAC waiting
  });

  test('08-conformance §Vectors: replay reports the first difference (APPLICATION BLOCK ignored)', async () => {
    const defect = DEFECTS.find((d) => d.name === 'APPLICATION BLOCK ignored')!;
    const description = describeProfile(loadCardProfile('ssc-2g-des'));
    const vector = readVectorFile(`${GOLDEN}ssc-2g-des/temporary-loss-and-cancel.json`);
    const [result] = await replayAll([vector], { wrap: (t) => defect.wrap(t, description) });
    expect(result?.difference).not.toBeNull();
    // The first step after the ignored block: READ RECORD must answer 6A81 (03-security §Lifecycle).
    expect(result?.difference?.expected).toBe('6A81');
    expect(result?.difference?.actual.endsWith('9000')).toBe(true);
  });
});
