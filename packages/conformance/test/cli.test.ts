/** 08-conformance §Reports / CLI: exit codes and one-line errors of `pnpm conformance`. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTraceText } from '@ssc-cos/apdu-codec';
import { describe, expect, test } from 'vitest';
import { argv, type CliResult, runCli, WORKSPACE } from './helpers/cli-process.js';

function run(args: string[]): Promise<CliResult> {
  return runCli('conformance', args);
}

describe('conformance CLI', () => {
  test('08-conformance §Reports: a sim run writes JUnit and HTML and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const r = await run(
      argv`run --target sim --profile ssc-3g-sm4 --seed 3 --runs 5 --quiet --junit ${dir}/r.xml --html ${dir}/r.html`,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 failed/);
    expect(readFileSync(`${dir}/r.xml`, 'utf8')).toMatch(/failures="0"/);
    expect(readFileSync(`${dir}/r.html`, 'utf8')).toMatch(/Coverage: commands × status words × file types/);
  });

  test('08-conformance §Reports: bad arguments give one line on stderr and exit 2', async () => {
    for (const args of [
      ['run', '--target', 'sim', '--profile', 'no-such-profile'],
      ['run', '--target', 'sim', '--profile', 'ssc-2g-des', '--shard', '3/2'],
      ['run', '--target', 'pcsc', '--profile', 'ssc-2g-des'],
      ['run', '--target', 'sim', '--profile', 'ssc-2g-des', '--seed', 'x'],
      ['replay', '/nonexistent.json'],
      ['frobnicate'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^conformance: /);
    }
  });

  test('08-conformance §Vectors: replay exits 1 and names the first difference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const file = `${dir}/v.json`;
    const vector = {
      format: 'ssc-cos-vector',
      version: 1,
      kind: 'recording',
      name: 'wrong-expectation',
      profile: 'ssc-2g-des',
      seed: null,
      steps: [
        { command: '00A40000023F00', expect: '61??' },
        { command: '00B2012C00', expect: '6A82' },
      ],
    };
    writeFileSync(file, JSON.stringify(vector));
    const r = await run(['replay', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/DIFF wrong-expectation step 2/);
    expect(r.stdout).toMatch(/expected 6A82/);
  });

  test('issue 9 item 6: replay --junit/--html: a vector case per file, the difference as a failure, an import without expected values n/a', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const step = (command: string, expect?: string) => (expect ? { command, expect } : { command });
    const vector = (name: string, steps: object[]) => ({
      format: 'ssc-cos-vector',
      version: 1,
      kind: 'recording',
      name,
      profile: 'ssc-2g-des',
      seed: null,
      steps,
    });
    writeFileSync(`${dir}/a.json`, JSON.stringify(vector('agrees', [step('00A40000023F00', '61??')])));
    writeFileSync(
      `${dir}/b.json`,
      JSON.stringify(vector('differs', [step('00A40000023F00', '61??'), step('00B2012C00', '6A82')])),
    );
    writeFileSync(`${dir}/c.json`, JSON.stringify(vector('unchecked', [step('00A40000023F00')])));
    const r = await run(['replay', dir, '--junit', `${dir}/r.xml`, '--html', `${dir}/r.html`]);
    expect(r.code).toBe(1);
    const xml = readFileSync(`${dir}/r.xml`, 'utf8');
    expect(xml).toMatch(/tests="3" failures="1" skipped="1"/);
    expect(xml).toMatch(
      /<testcase [^>]*name="differs[^"]*"[^>]*>\s*<failure message="step 2: card 00B2012C00: expected 6A82, got 0110/,
    );
    expect(xml).toMatch(
      /name="unchecked[^"]*"[^>]*>\s*<skipped message="not applicable: recorded, not checked/,
    );
    const html = readFileSync(`${dir}/r.html`, 'utf8');
    expect(html).toMatch(/<td class="expected"><code>6A82<\/code><\/td>/);
    expect(html).toMatch(/class="failing-step"><td>card<\/td><td>READ RECORD/);
  });

  test('issue 9 item 6: run --against sim writes --junit/--html like any run (agreement: one passed case, the seed in the header)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const r = await run(
      argv`run --target sim --profile ssc-2g-des --against sim --seed 5 --runs 3 --length 8 --junit ${dir}/d.xml --html ${dir}/d.html`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/agree on 3 sequences \(seed 5\)/);
    const xml = readFileSync(`${dir}/d.xml`, 'utf8');
    expect(xml).toMatch(/tests="1" failures="0"/);
    expect(xml).toMatch(/name="08-conformance\/differential — 08-conformance §Differential"/);
    const html = readFileSync(`${dir}/d.html`, 'utf8');
    expect(html).toMatch(/fast-check seed <code class="seed">5<\/code>/);
    expect(html).toMatch(/--against sim --seed 5 --runs 3 --length 8/);
  }, 120_000);

  test('issue 9 item 10: run --trace writes every exchange live in the one trace format (cases as comments, times, devices); apdu decode --file reads it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const r = await run(
      argv`run --target sim --profile ssc-2g-des --psam psam-issuer --seed 2 --only 05-psam --quiet --trace ${dir}/run.trace`,
    );
    expect(r.code).toBe(0);
    const text = readFileSync(`${dir}/run.trace`, 'utf8');
    expect(text.startsWith('# ssc-cos trace 1')).toBe(true);
    expect(text).toMatch(/^# case 05-psam\//m);
    const trace = parseTraceText(text);
    expect(trace.length).toBeGreaterThan(10);
    expect(new Set(trace.map((e) => e.device))).toEqual(new Set(['card', 'psam']));
    expect(trace.every((e) => e.timestamp !== undefined && e.response !== undefined)).toBe(true);
    const decoded = await runCli('apdu', ['decode', '--file', `${dir}/run.trace`]);
    expect(decoded.code).toBe(0);
    expect(decoded.stdout.split('\n').filter(Boolean)).toHaveLength(trace.length);
  }, 120_000);

  test('issue 9 item 10: record --trace, then replay and import-scriptor read the trace, a scriptor output log and a pcscd --apdu log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const rec = await run(
      argv`record --profile ssc-2g-des --psam psam-issuer --seed 1 --flow read-zone-df01 --out ${dir}/flow.json --trace ${dir}/flow.trace`,
    );
    expect(rec.stderr).toBe('');
    expect(rec.code).toBe(0);
    const recorded = parseTraceText(readFileSync(`${dir}/flow.trace`, 'utf8'));
    const vector = JSON.parse(readFileSync(`${dir}/flow.json`, 'utf8')) as { steps: unknown[] };
    expect(recorded).toHaveLength(vector.steps.length);
    // the trace replays on the same seeded card and PSAM: every response checked
    const again = await run(argv`replay ${dir}/flow.trace --profile ssc-2g-des --psam psam-issuer --seed 1`);
    expect(again.stdout).toMatch(/1\/1 vectors replayed without difference/);
    expect(again.code).toBe(0);
    // genuine captures of one session (scripts/capture-trace-samples.sh): imported with expected values
    for (const sample of ['session.scriptor.log', 'session.pcscd-apdu.log', 'session.serve.trace']) {
      const out = `${dir}/${sample}.json`;
      const imported = await run(
        argv`import-scriptor ${join(WORKSPACE, 'vectors/samples', sample)} --profile ssc-2g-des --out ${out}`,
      );
      expect(imported.code, imported.stderr).toBe(0);
      const v = JSON.parse(readFileSync(out, 'utf8')) as { steps: { command?: string; expect?: string }[] };
      const read = v.steps.find((s) => s.command === '00B2012C00')!;
      expect(read.expect).toBe('0110110100D15600000526112200000100009000');
      // GET CHALLENGE data cannot repeat: masked
      expect(v.steps.find((s) => s.command === '0084000008')!.expect).toBe('????????????????9000');
    }
    // the replay of the imported pcscd log on the simulator: checked, no difference
    const pcscd = await run(['replay', `${dir}/session.pcscd-apdu.log.json`]);
    expect(pcscd.stdout).toMatch(/1\/1 vectors replayed without difference/);
  }, 180_000);
});
