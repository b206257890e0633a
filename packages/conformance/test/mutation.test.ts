/**
 * The suite has teeth: a card with one injected defect per category fails at least one named
 * case of the catalogue (08-conformance §Requirements), while the unaltered simulator passes.
 */
import { describe, expect, test } from 'vitest';
import { buildCatalogue } from '../src/catalogue/index.js';
import { describeProfile } from '../src/description/from-profile.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { parseLedger } from '../src/report/ledger.js';
import { runSuite } from '../src/run/runner.js';
import { loadCardProfile, openTarget } from '../src/targets/open-target.js';
import { DEFECTS } from './doubles/defects.js';

const PROPS = { runs: 10, length: 12, seed: 42 };

async function failingCases(profile: string, wrap?: (typeof DEFECTS)[number]['wrap']): Promise<string[]> {
  const description = describeProfile(loadCardProfile(profile));
  const opened = await openTarget({
    kind: 'sim',
    profile,
    seed: 7,
    ...(wrap ? { wrap: (t) => wrap(t, description) } : {}),
  });
  const report = await runSuite({
    target: opened.target,
    description: opened.description,
    keys: suiteKeysFor(opened.description),
    cases: buildCatalogue(opened.description, PROPS),
  });
  return report.results.filter((r) => r.outcome === 'fail').map((r) => `${r.id}: ${r.reason}`);
}

describe('08-conformance: mutation check of the suite', () => {
  for (const profile of ['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des']) {
    test(`08-conformance: the unaltered simulator (${profile}) passes every applicable case`, async () => {
      expect(await failingCases(profile)).toEqual([]);
    });
  }

  for (const defect of DEFECTS) {
    test(`08-conformance: defect "${defect.name}" is caught by ${defect.caughtBy.join(' / ')}`, async () => {
      const failed = await failingCases(defect.profile ?? 'ssc-2g-des', defect.wrap);
      const ids = failed.map((f) => f.slice(0, f.indexOf(':')));
      expect(
        defect.caughtBy.some((id) => ids.includes(id)),
        `failing cases: ${failed.join(' | ') || 'none'}`,
      ).toBe(true);
    });
  }
});

describe('08-conformance §Reports: deviation ledger in a run', () => {
  test('08-conformance §Reports: a listed failing case is a known deviation, a listed passing case a stale entry', async () => {
    const description = describeProfile(loadCardProfile('ssc-2g-des'));
    const defect = DEFECTS.find((d) => d.name === '6Cxx length wrong')!;
    const opened = await openTarget({
      kind: 'sim',
      profile: 'ssc-2g-des',
      seed: 7,
      wrap: (t) => defect.wrap(t, description),
    });
    const ledger = parseLedger(
      '02-commands/read-record/6cxx  vendor COS names Le+1 in 6Cxx\n02-commands/order/cla  listed but passing\n',
      'card.txt',
    );
    const report = await runSuite({
      target: opened.target,
      description,
      keys: suiteKeysFor(description),
      cases: buildCatalogue(description, PROPS),
      ledger,
      only: ['02-commands/read-record/6cxx', '02-commands/order/cla'],
    });
    const byId = new Map(report.results.map((r) => [r.id, r]));
    expect(byId.get('02-commands/read-record/6cxx')?.outcome).toBe('deviation');
    expect(byId.get('02-commands/read-record/6cxx')?.reason).toMatch(
      /^vendor COS names Le\+1 in 6Cxx \(observed: /,
    );
    expect(byId.get('02-commands/order/cla')?.outcome).toBe('fail');
    expect(byId.get('02-commands/order/cla')?.reason).toMatch(/stale ledger entry/);
  });
});
