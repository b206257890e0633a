/** `--against sim`: the same sequences on the target and the simulator; the first divergence is reported. */
import { describe, expect, test } from 'vitest';
import { describeProfile } from '../src/description/from-profile.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { htmlReport } from '../src/report/html.js';
import { junitXml } from '../src/report/junit.js';
import { runDifferential } from '../src/run/differential.js';
import { differentialReport } from '../src/run/differential-report.js';
import { loadCardProfile, openTarget } from '../src/targets/open-target.js';
import { DEFECTS } from './doubles/defects.js';

const OPTS = { runs: 60, length: 20, seed: 11 };

/** A simulator with a wrong 6Cxx length against a correct one, both ssc-2g-des, seed 1. */
async function diverge6Cxx() {
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
  return { description, r };
}

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
    const { r } = await diverge6Cxx();
    const d = r.divergence;
    expect(d).not.toBeNull();
    expect(d!.target.slice(0, 2)).toBe('6C');
    expect(Number.parseInt(d!.target.slice(2), 16)).toBe(Number.parseInt(d!.reference.slice(2), 16) + 1);
    expect(d!.targetTrace.length).toBe(d!.step + 1);
    expect(d!.referenceTrace.length).toBe(d!.step + 1);
  });

  test('issue 9 item 6: the divergence of a defective double in JUnit and HTML: both traces side by side, the diverging exchange marked, the seed that reproduces it', async () => {
    const { description, r } = await diverge6Cxx();
    const d = r.divergence!;
    const report = differentialReport(r, {
      target: 'defective double',
      description,
      seed: OPTS.seed,
      reproduce: `pnpm conformance run --target sim --profile ssc-2g-des --against sim --seed ${OPTS.seed}`,
      startedAt: new Date(0).toISOString(),
      durationMs: 1,
    });
    const xml = junitXml(report);
    expect(xml).toMatch(/tests="1" failures="1"/);
    expect(xml).toContain(
      `diverge at exchange ${d.step + 1} (${d.command}): expected ${d.reference}, got ${d.target}`,
    );
    expect(xml).toContain(`seed ${OPTS.seed} reproduces it`);
    // the last line of the side-by-side text: target exchange ≠ simulator exchange
    const body = /<failure [^>]*>([\s\S]*?)<\/failure>/.exec(xml)![1]!;
    const lines = body.split('\n');
    expect(lines).toHaveLength(3 + d.step + 1);
    expect(lines.at(-1)).toMatch(new RegExp(`${d.command} → ${d.target} +≠ ${d.command} → ${d.reference}$`));
    const html = htmlReport(report);
    expect(html).toContain('Differential: first divergence, both traces side by side');
    const marked = /<tr class="failing-step"><td>(\d+)<\/td>(.*?)<\/tr>/.exec(html)!;
    expect(Number(marked[1])).toBe(d.step + 1);
    expect(marked[2]).toContain(`<code>${d.target}</code>`);
    expect(marked[2]).toContain(`<code>${d.reference}</code>`);
    expect(html).toContain(`fast-check seed <code class="seed">${OPTS.seed}</code>`);
    expect(html).toContain(`--against sim --seed ${OPTS.seed}`);
  });
});
