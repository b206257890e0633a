/** `--against sim`: the same sequences on the target and the simulator; the first divergence is reported. */
import { describe, expect, test } from 'vitest';
import { describeProfile } from '../src/description/from-profile.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { runDifferential } from '../src/run/differential.js';
import { loadCardProfile, openTarget } from '../src/targets/open-target.js';
import { DEFECTS } from './doubles/defects.js';

const OPTS = { runs: 60, length: 20, seed: 11 };

describe('differential mode', () => {
  test('08-conformance §Model-based properties: two simulators of the same profile never diverge (challenges masked)', async () => {
    const a = await openTarget({ kind: 'sim', profile: 'ssc-3g-sm4', seed: 1 });
    const b = await openTarget({ kind: 'sim', profile: 'ssc-3g-sm4', seed: 2 });
    const keys = suiteKeysFor(a.description)(null);
    const r = await runDifferential(
      { target: a.target, keys },
      { target: b.target, keys },
      a.description,
      OPTS,
    );
    expect(r.divergence).toBeNull();
    expect(r.runs).toBe(OPTS.runs);
  });

  test('08-conformance §Model-based properties: a target with a wrong 6Cxx diverges at the 6Cxx answer, with both traces', async () => {
    const description = describeProfile(loadCardProfile('ssc-2g-des'));
    const defect = DEFECTS.find((d) => d.name === '6Cxx length wrong')!;
    const bad = await openTarget({
      kind: 'sim',
      profile: 'ssc-2g-des',
      seed: 1,
      wrap: (t) => defect.wrap(t, description),
    });
    const good = await openTarget({ kind: 'sim', profile: 'ssc-2g-des', seed: 1 });
    const keys = suiteKeysFor(description)(null);
    const r = await runDifferential(
      { target: bad.target, keys },
      { target: good.target, keys },
      description,
      OPTS,
    );
    const d = r.divergence;
    expect(d).not.toBeNull();
    expect(d!.target.slice(0, 2)).toBe('6C');
    expect(Number.parseInt(d!.target.slice(2), 16)).toBe(Number.parseInt(d!.reference.slice(2), 16) + 1);
    expect(d!.targetTrace.length).toBe(d!.step + 1);
    expect(d!.referenceTrace.length).toBe(d!.step + 1);
  });
});
