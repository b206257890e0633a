/** 08-conformance §Reports / CLI: exit codes and one-line errors of `pnpm conformance`. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'packages/conformance/src/cli.ts');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, ['--conditions=@ssc-cos/source', CLI, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('conformance CLI', () => {
  test('08-conformance §Reports: a sim run writes JUnit and HTML and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const r = await run([
      'run',
      '--target',
      'sim',
      '--profile',
      'ssc-3g-sm4',
      '--seed',
      '3',
      '--runs',
      '5',
      '--quiet',
      '--junit',
      `${dir}/r.xml`,
      '--html',
      `${dir}/r.html`,
    ]);
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
});
