/**
 * 08-conformance §Model-based properties: the model agrees with the simulator, and a failure
 * is shrunk to the shortest sequence and written as a vector that replays it.
 */
import { describe, expect, test } from 'vitest';
import { allDfs, keyOf } from '../src/description/card-description.js';
import { describeProfile } from '../src/description/from-profile.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { runModel } from '../src/model/model-run.js';
import { initialState, keyKey } from '../src/model/model-state.js';
import { loadCardProfile, openTarget } from '../src/targets/open-target.js';
import { compileVector, replay } from '../src/vectors/replay.js';
import { parseVector } from '../src/vectors/vector-file.js';
import { DEFECTS } from './doubles/defects.js';

describe('model-based runs', () => {
  for (const profile of ['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des']) {
    test(`08-conformance §Model-based properties: 300 random sequences agree with the model (${profile})`, async () => {
      const { target, description } = await openTarget({ kind: 'sim', profile, seed: 3 });
      const r = await runModel(target, description, suiteKeysFor(description)(null), {
        runs: 300,
        length: 30,
        seed: 99,
      });
      expect(r.failure?.message ?? null).toBeNull();
      expect(r.runs).toBe(300);
      expect(r.commands).toBeGreaterThan(300 * 5);
    });
  }

  test('a DF FID used twice in the tree (the zone DF01 and the PKI ADF DF01 of ssc-3g-sm4): each DF keeps its own key counters', () => {
    // Regression: the model keyed counters by DF FID, so the PKI ADF's admin PIN (key 01, 5 tries)
    // overwrote DF01's external-authentication key 01 (8 tries) and a wrong EXTERNAL AUTHENTICATE
    // in DF01 was expected to answer 63C4 where a correct card answers 63C7.
    const description = describeProfile(loadCardProfile('ssc-3g-sm4'));
    const dfs = allDfs(description).filter((df) => df.fid === 0xdf01);
    expect(dfs.length).toBe(2);
    const state = initialState(description);
    expect(dfs.map((df) => state.keyTries.get(keyKey(df, 1)))).toEqual(dfs.map((df) => keyOf(df, 1)?.tries));
    expect(new Set(dfs.map((df) => keyOf(df, 1)?.tries)).size).toBe(2);
  });

  test('08-conformance §Model-based properties: a failure shrinks to one command and its vector replays the difference', async () => {
    const description = describeProfile(loadCardProfile('ssc-2g-des'));
    const defect = DEFECTS.find((d) => d.name === 'PIN counter not decremented')!;
    const bad = await openTarget({
      kind: 'sim',
      profile: 'ssc-2g-des',
      seed: 3,
      wrap: (t) => defect.wrap(t, description),
    });
    const r = await runModel(bad.target, description, suiteKeysFor(description)(null), {
      runs: 200,
      length: 20,
      seed: 5,
    });
    expect(r.failure).not.toBeNull();
    // Two wrong VERIFYs are the shortest sequence that shows a counter that does not go down.
    expect(r.failure!.commands).toMatch(/^VERIFY wrong,VERIFY wrong /);
    const vector = parseVector(JSON.parse(JSON.stringify(r.failure!.vector)), 'failure');
    expect(vector.kind).toBe('failure');
    expect(vector.steps).toHaveLength(2);
    const onBad = await replay(bad.target, compileVector(vector));
    expect(onBad.difference?.step).toBe(1);
    const good = await openTarget({ kind: 'sim', profile: 'ssc-2g-des', seed: 3 });
    expect((await replay(good.target, compileVector(vector))).difference).toBeNull();
  });
});
