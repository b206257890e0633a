/**
 * The model's per-DF state is keyed by the DF itself: a DF FID is unique among siblings only
 * (ssc-3g cards have the zone DF01 under the SSSE and the PKI ADF DF01 under DDF1).
 */
import { buildImage, type Profile } from '@ssc-cos/cos-sim';
import { describe, expect, test } from 'vitest';
import { Channel } from '../src/channel/channel.js';
import { TraceLog } from '../src/channel/trace.js';
import { allDfs, blockSizeOf, type DfDescription } from '../src/description/card-description.js';
import { describeProfile } from '../src/description/from-profile.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { Kit } from '../src/kit/kit.js';
import { SelectChildDf } from '../src/model/commands/select.js';
import { runOnce } from '../src/model/model-run.js';
import { initialState, keyKey, type ModelState } from '../src/model/model-state.js';
import type { Cmd, ModelReal } from '../src/model/step.js';
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

  test('a kept card: the spent counter of the PKI ADF DF01 is restored in DDF1/DF01, not in the zone DF01', async () => {
    const profile = loadCardProfile('ssc-3g-sm4');
    const description = describeProfile(profile);
    const [, pki] = df01s(allDfs(description));
    expect(description.mf.dfs.find((df) => df.fid === 0xddf1)?.dfs).toContain(pki);
    const image = buildImage(profile);
    const target = new SimTarget({ card: () => image, psam: null }, { seed: 1, persistent: true });
    const keys = suiteKeysFor(description)(null);
    const key = keyKey(pki, 0x0f);
    expect(keys.has(key)).toBe(true);
    const bs = blockSizeOf(description);
    /** A wrong EXTERNAL AUTHENTICATE with key 0F of DDF1/DF01: answers 63Cx, x = tries left. */
    const wrongAuth = async (card: Channel): Promise<number> => {
      await card.reset();
      for (const fid of [0x3f00, 0xddf1, 0xdf01])
        await card.exchange(Uint8Array.of(0x00, 0xa4, 0x00, 0x00, 0x02, fid >> 8, fid & 0xff));
      await card.send(Uint8Array.of(0x00, 0x84, 0x00, 0x00, 8));
      const apdu = new Uint8Array(5 + 2 * bs).fill(0xc3);
      apdu.set([0x00, 0x82, 0x00, 0x0f, 2 * bs]);
      return (await card.send(apdu)).sw;
    };
    // No command of the alphabet enters the PKI ADF yet: this one stands for one that would.
    const spendPkiTry: Cmd = {
      check: () => true,
      async run(m: ModelState, r: ModelReal) {
        const sw = await wrongAuth(r.card);
        expect(sw).toBe(0x63c7);
        m.keyTries.set(key, sw & 0x0f);
      },
      toString: () => 'wrong EXTERNAL AUTHENTICATE key 0F of DDF1/DF01',
    };
    await runOnce(target, description, keys, [spendPkiTry], undefined, false, false, undefined, true);
    // Restored to 8 by the run's end, so one more wrong cryptogram leaves 7.
    expect(await wrongAuth(new Channel('card', target.card, new TraceLog(false)))).toBe(0x63c7);
  });

  test('kit.activate of DDF1/DF01 unblocks and re-blocks the PKI ADF, never the zone DF01', async () => {
    const profile = pkiBlockedProfile();
    // Activation is an APPLICATION UNBLOCK under line key 03: the PKI ADF borrows DF04's.
    const df04 = profile.mf.children.find((c) => c.type === 'df' && c.fid === 0xdf04);
    const ddf1 = profile.mf.children.find((c) => c.type === 'df' && c.fid === 0xddf1);
    const pkiSpec = ddf1?.type === 'df' ? ddf1.children.find((c) => c.type === 'df') : undefined;
    if (df04?.type !== 'df' || pkiSpec?.type !== 'df') throw new Error('ssc-3g-sm4 has no DF04 or DDF1/DF01');
    pkiSpec.keys.push(structuredClone(df04.keys.find((key) => key.id === 0x03)!));
    const description = describeProfile(profile);
    const [, pki] = df01s(allDfs(description));
    const image = buildImage(profile);
    const target = new SimTarget({ card: () => image, psam: null }, { seed: 1, persistent: true });
    const card = new Channel('card', target.card, new TraceLog(false));
    const kit = new Kit({ card, psam: null, description, keys: suiteKeysFor(description)(null), target });
    /** SELECT answers of the zone DF01 and of DDF1/DF01. */
    const lifecycles = async (): Promise<[number, number]> => {
      const select = async (fids: number[]): Promise<number> => {
        await card.reset();
        let sw = 0;
        for (const fid of fids)
          sw = (await card.exchange(Uint8Array.of(0x00, 0xa4, 0x00, 0x00, 0x02, fid >> 8, fid & 0xff))).sw;
        return sw;
      };
      return [await select([0x3f00, 0xdf01]), await select([0x3f00, 0xddf1, 0xdf01])];
    };
    expect(await lifecycles()).toEqual([0x9000, 0x6283]);
    await kit.activate(pki);
    expect(await lifecycles()).toEqual([0x9000, 0x9000]);
    for (const cleanup of kit.cleanups) await cleanup();
    expect(await lifecycles()).toEqual([0x9000, 0x6283]);
  });

  test('restoreCounters stops at a SELECT on the path that fails: no authentication in the wrong DF', async () => {
    // DDF1 issued temporarily blocked: SELECT DDF1 answers 6283, so DDF1/DF01 cannot be reached.
    const profile = loadCardProfile('ssc-3g-sm4');
    const ddf1 = profile.mf.children.find((c) => c.type === 'df' && c.fid === 0xddf1);
    if (ddf1?.type !== 'df') throw new Error('ssc-3g-sm4 has no DDF1');
    ddf1.lifecycle = 'temporarily-blocked';
    const description = describeProfile(profile);
    const [, pki] = df01s(allDfs(description));
    const image = buildImage(profile);
    const sim = new SimTarget({ card: () => image, psam: null }, { seed: 1, persistent: true });
    const sent: Uint8Array[] = [];
    const card = Object.create(sim.card, {
      transmit: {
        value: (apdu: Uint8Array) => {
          sent.push(apdu);
          return sim.card.transmit(apdu);
        },
      },
      reset: { value: () => sim.card.reset() },
    });
    const target = Object.create(sim, { card: { value: card } });
    const keys = suiteKeysFor(description)(null);
    // The model believes key 0F of DDF1/DF01 lost a try; the restore must not reach it.
    const spent: Cmd = {
      check: () => true,
      async run(m: ModelState) {
        m.keyTries.set(keyKey(pki, 0x0f), 7);
      },
      toString: () => 'key 0F of DDF1/DF01 spent one try (model only)',
    };
    await runOnce(target, description, keys, [spent], undefined, false, false, undefined, true);
    const selects = sent.filter((a) => a[1] === 0xa4).map((a) => (a[5]! << 8) | a[6]!);
    expect(selects).toContain(0xddf1);
    expect(sent.filter((a) => a[1] === 0x82 || a[1] === 0x84)).toEqual([]);
  });
});
