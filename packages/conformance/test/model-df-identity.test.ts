/**
 * The model's per-DF state is keyed by the DF itself: a DF FID is unique among siblings only
 * (ssc-3g cards have the zone DF01 under the SSSE and the PKI ADF DF01 under DDF1).
 */
import { buildImage, type Profile } from '@ssc-cos/cos-sim';
import { describe, expect, test } from 'vitest';
import { allDfs, type DfDescription } from '../src/description/card-description.js';
import { describeProfile } from '../src/description/from-profile.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { SelectChildDf } from '../src/model/commands/select.js';
import { runOnce } from '../src/model/model-run.js';
import { initialState } from '../src/model/model-state.js';
import { loadCardProfile } from '../src/targets/open-target.js';
import { SimTarget } from '../src/targets/sim-target.js';

/** ssc-3g-sm4 with its PKI ADF (DDF1/DF01) issued temporarily blocked; the zone DF01 stays active. */
function pkiBlockedProfile(): Profile {
  const profile = loadCardProfile('ssc-3g-sm4');
  const ddf1 = profile.mf.children.find((c) => c.type === 'df' && c.fid === 0xddf1);
  const pki =
    ddf1?.type === 'df' ? ddf1.children.find((c) => c.type === 'df' && c.fid === 0xdf01) : undefined;
  if (pki?.type !== 'df') throw new Error('ssc-3g-sm4 has no DDF1/DF01');
  pki.lifecycle = 'temporarily-blocked';
  return profile;
}

function df01s(dfs: DfDescription[]): [zone: DfDescription, pki: DfDescription] {
  const both = dfs.filter((df) => df.fid === 0xdf01);
  expect(both.length).toBe(2);
  return [both[0]!, both[1]!];
}

describe('the model keys per-DF state by the DF, not its FID', () => {
  test('initialState: the zone DF01 and the PKI ADF DF01 each keep their own lifecycle', () => {
    const description = describeProfile(pkiBlockedProfile());
    const [zone, pki] = df01s(allDfs(description));
    const state = initialState(description);
    expect(state.lifecycle.get(zone)).toBe('active');
    expect(state.lifecycle.get(pki)).toBe('temporarily-blocked');
  });

  test('SELECT of the zone DF01 is predicted from its own lifecycle, not the PKI ADF DF01 (correct in-process card)', async () => {
    const profile = pkiBlockedProfile();
    const description = describeProfile(profile);
    const image = buildImage(profile);
    const target = new SimTarget({ card: () => image, psam: null }, { seed: 1 });
    const index = description.mf.dfs.findIndex((df) => df.fid === 0xdf01);
    const { real } = await runOnce(
      target,
      description,
      suiteKeysFor(description)(null),
      [new SelectChildDf(index)],
      undefined,
      false,
    );
    expect(real.steps.map((s) => s.note)).toEqual([`SELECT child DF #${index}`]);
  });
});
