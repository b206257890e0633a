/**
 * 08-conformance §Against a real card, in process: the simulator kept as ONE card across the
 * run (SimTarget `persistent`: restore() is a reset only, as in a reader). The engine's image
 * is the independent witness: the suite never sees it, the test compares it before and after.
 */
import { buildImage, type CardImage, diffImages, loadProfile } from '@ssc-cos/cos-sim';
import { describe, expect, test } from 'vitest';
import { buildCatalogue } from '../src/catalogue/index.js';
import { describeProfile } from '../src/description/from-profile.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import type { ConformanceCase } from '../src/kit/case.js';
import type { Kit } from '../src/kit/kit.js';
import { PreflightError } from '../src/run/preflight.js';
import { runSuite } from '../src/run/runner.js';
import { loadCardProfile, openTarget } from '../src/targets/open-target.js';
import { SimTarget } from '../src/targets/sim-target.js';
import { DEFECTS } from './doubles/defects.js';

const PROPS = { runs: 6, length: 12, seed: 3 };

/** Retry counters of every key of an image, "DF/type/id → left/max". */
function counters(image: CardImage): string[] {
  const out: string[] = [];
  const walk = (df: CardImage['mf'], path: string): void => {
    for (const k of df.keys) out.push(`${path}/${k.type}/${k.id} ${k.triesLeft}/${k.maxTries}`);
    for (const c of df.children) if (c.type === 'df') walk(c, `${path}/${c.fid.toString(16)}`);
  };
  walk(image.mf, '3f00');
  return out;
}

/**
 * Image differences a terminal could see: a transparent EF never written (data null) that got
 * zeros written back reads the same (01-card: never written reads as zeros).
 */
function observableDifferences(before: CardImage, after: CardImage) {
  return diffImages(before, after).filter((d) => !(d.before === 'null' && /^(00)*$/.test(d.after)));
}

async function persistentRun(profile: string, psam: string, seed: number) {
  const opened = await openTarget({ kind: 'sim', profile, psam, seed, persistent: true });
  const target = opened.target as SimTarget;
  const before = target.engineCard.image;
  const report = await runSuite({
    target,
    description: opened.description,
    keys: suiteKeysFor(opened.description),
    cases: buildCatalogue(opened.description, { ...PROPS, seed }),
    seed,
  });
  return { report, before, after: target.engineCard.image };
}

describe('08-conformance §Against a real card: one card across the run, in process', () => {
  for (const profile of ['ssc-2g-des', 'ssc-3g-sm4'])
    for (const psam of ['psam-issuer', 'psam-hospital'])
      test(`${profile} + ${psam}: no failure, nothing blocked, the card left as found (engine image unchanged)`, async () => {
        const { report, before, after } = await persistentRun(profile, psam, 5);
        const bad = report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'blocked');
        expect(bad.map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
        expect(report.cardState?.differences).toEqual([]);
        // The witness the suite never sees: counters and records exactly as before.
        expect(observableDifferences(before, after)).toEqual([]);
        expect(counters(after).filter((c) => !/ (\d+)\/\1$/.test(c))).toEqual([]);
        // Irreversible cases are n/a without --irreversible, with that reason.
        const irreversible = report.results.filter((r) => r.tags.includes('irreversible'));
        expect(irreversible.every((r) => r.outcome === 'n/a' && /--irreversible/.test(r.reason ?? ''))).toBe(
          true,
        );
      }, 60_000);

  test('a case that blocks the PIN and cannot restore it fails; every later case is "blocked by" it', async () => {
    const opened = await openTarget({
      kind: 'sim',
      profile: 'ssc-2g-des',
      psam: 'psam-issuer',
      persistent: true,
    });
    const locker: ConformanceCase = {
      id: 'test/locks-the-pin',
      clause: 'test',
      title: 'spends every PIN try',
      tags: [],
      async run(k: Kit) {
        await k.selectMf();
        for (let i = 0; i < k.description.pin.tries; i++) await k.card.send(k.verifyApdu(k.wrongPin()));
      },
    };
    const cases = buildCatalogue(opened.description, PROPS).filter((c) =>
      c.id.startsWith('03-security/pin/'),
    );
    const report = await runSuite({
      target: opened.target,
      description: opened.description,
      keys: suiteKeysFor(opened.description),
      cases: [locker, ...cases],
    });
    const [first, ...rest] = report.results;
    expect(first?.outcome).toBe('fail');
    expect(first?.reason).toMatch(/left the card damaged: the PIN is blocked/);
    expect(rest.map((r) => r.outcome)).toEqual(rest.map(() => 'blocked'));
    expect(rest[0]?.reason).toBe('blocked by test/locks-the-pin (the PIN is blocked (VERIFY → 6983))');
    expect(report.cardState?.differences).toContain('PIN tries 5 → blocked');
  });

  test('each injected defect is still caught when the card is kept across cases', async () => {
    const description = describeProfile(loadCardProfile('ssc-2g-des'));
    // The ssc-2g-des defects: the 3g ones are caught by 11-pki/pin-states, which is irreversible,
    // hence n/a on a card kept across cases.
    for (const defect of DEFECTS.filter((d) => d.profile === undefined)) {
      const opened = await openTarget({
        kind: 'sim',
        profile: 'ssc-2g-des',
        psam: 'psam-issuer',
        seed: 7,
        persistent: true,
        wrap: (t) => defect.wrap(t, description),
      });
      const report = await runSuite({
        target: opened.target,
        description: opened.description,
        keys: suiteKeysFor(opened.description),
        cases: buildCatalogue(opened.description, PROPS),
      });
      const failed = report.results.filter((r) => r.outcome === 'fail').map((r) => r.id);
      expect(
        defect.caughtBy.some((id) => failed.includes(id)),
        `${defect.name}: ${failed.join(', ')}`,
      ).toBe(true);
    }
  }, 120_000);
});

describe('08-conformance §Against a real card: pre-flight stops a wrong set-up before any try is spent', () => {
  /** A persistent sim of these images, run with the 2g profile; returns the error and the card's counters. */
  async function attempt(card: CardImage, psam: CardImage | null) {
    const target = new SimTarget({ card: () => card, psam: psam ? () => psam : null }, { persistent: true });
    const description = describeProfile(loadCardProfile('ssc-2g-des'));
    const error = await runSuite({
      target,
      description,
      keys: suiteKeysFor(description),
      cases: buildCatalogue(description, PROPS),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    return { error, before: card, after: target.engineCard.image };
  }
  const card2g = buildImage(loadProfile('ssc-2g-des'));

  test('an SM4 PSAM with the 3DES card', async () => {
    const { error, before, after } = await attempt(card2g, buildImage(loadProfile('psam-hospital@sm4')));
    expect(error).toBeInstanceOf(PreflightError);
    expect((error as Error).message).toBe(
      'pre-flight: the PSAM works with sm4 (its FCI 86 01 …), the card with 3des: a 2nd-generation card needs a 3des PSAM',
    );
    expect(diffImages(before, after)).toEqual([]);
    expect(counters(after).filter((c) => !/ (\d+)\/\1$/.test(c))).toEqual([]);
  });

  test('the wrong card: a 3rd-generation card run with the 2nd-generation profile', async () => {
    const card3g = buildImage(loadProfile('ssc-3g-sm4'));
    const { error, before, after } = await attempt(card3g, buildImage(loadProfile('psam-issuer')));
    expect((error as Error).message).toBe(
      "pre-flight: the card's FCI names algorithm sm4 (86 01 …), profile ssc-2g-des says 3des",
    );
    expect(diffImages(before, after)).toEqual([]);
  });

  test('readers swapped: the PSAM in the card reader', async () => {
    const psam = buildImage(loadProfile('psam-issuer'));
    const { error, before, after } = await attempt(psam, card2g);
    expect((error as Error).message).toMatch(
      /^pre-flight: the card's ATR 3B6C000000905053414D000000000001 is not the one profile ssc-2g-des gives \(3B6D000000905431168660261122000001\): wrong card or wrong profile$/,
    );
    expect(diffImages(before, after)).toEqual([]);
  });
});
