/** Timing-faithful mode of the in-process target (issue 10 item 5; docs/pcsc.md §6a). */
import { buildImage, DEFAULT_TIMING, loadProfile, TimedTransport } from '@ssc-cos/cos-sim';
import { describe, expect, test } from 'vitest';
import { openTarget } from '../src/targets/open-target.js';
import { SimTarget } from '../src/targets/sim-target.js';

const SELECT_SSSE = Uint8Array.from(Buffer.from('00A404000F7378312E73682EC9E7BBE1B1A3D5CF', 'hex'));

describe('in-process target, timing real', () => {
  test('openTarget({timing: real}) answers through a TimedTransport with the profile figures', async () => {
    const { target } = await openTarget({
      kind: 'sim',
      profile: 'ssc-2g-des',
      psam: 'psam-hospital',
      timing: 'real',
    });
    expect(target.card).toBeInstanceOf(TimedTransport);
    expect(target.psam).toBeInstanceOf(TimedTransport);
    expect((target.card as TimedTransport).figures).toEqual(DEFAULT_TIMING);
    const plain = await openTarget({ kind: 'sim', profile: 'ssc-2g-des' });
    expect(plain.target.card).not.toBeInstanceOf(TimedTransport);
  });

  test('the timed card answers the same bytes, no sooner than the figures say', async () => {
    const image = buildImage(loadProfile('ssc-3g-des'));
    // 1 ms processing, no wire time to speak of: the test stays fast and can still fail.
    const figures = { ...DEFAULT_TIMING, bitsPerSecond: 10_000_000, commandMs: { A4: 20 }, defaultMs: 0 };
    const timed = new SimTarget({ card: () => image, psam: null }, { seed: 1, timing: figures });
    const plain = new SimTarget({ card: () => image, psam: null }, { seed: 1 });
    const started = performance.now();
    const r = await timed.card.transmit(SELECT_SSSE);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    expect(r).toEqual(await plain.card.transmit(SELECT_SSSE));
  });
});
