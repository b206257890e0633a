/**
 * Finding 8 of issue 15: temporary files of atomic saves never pile up (a killed process's are
 * cleaned on the next start) and never land in the current directory: `--state` with no value
 * is refused, and a save that fails removes its temp file (it holds a full image, keys included).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { writeFileAtomic } from '../../src/state/atomic-file.js';
import { runCli } from '../helpers/cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cos-sim-temps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('temp files of state saves', () => {
  test("a killed process's temp files are removed at the next start; other files are left alone", () => {
    const state = join(dir, 'card.json');
    expect(runCli(['exec', '--profile', 'ssc-2g-des', '--state', state], '').status).toBe(0);
    writeFileSync(join(dir, '.card.json.4242.tmp'), '{"keys": "a killed writer\'s image"}');
    writeFileSync(join(dir, '.card.json.77.tmp'), '');
    writeFileSync(join(dir, '.other.json.4242.tmp'), 'not ours');
    expect(runCli(['exec', '--profile', 'ssc-2g-des', '--state', state], '0020000003111111\n').stdout).toBe(
      '63C4\n',
    );
    expect(readdirSync(dir).sort()).toEqual(['.card.json.lock', '.other.json.4242.tmp', 'card.json']);
  });

  test('--state with an empty value is refused with one line and writes nothing in the current directory', () => {
    const cwd = join(dir, 'cwd');
    mkdirSync(cwd);
    const run = runCli(['exec', '--profile', 'ssc-2g-des', '--state', ''], '0020000003111111\n', { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^cos-sim: .*state/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(cwd)).toEqual([]);
  });

  test('a rename that fails leaves no temp file behind', () => {
    const sub = join(dir, 'rename');
    mkdirSync(join(sub, 'target'), { recursive: true });
    writeFileSync(join(sub, 'target', 'x'), 'a non-empty directory cannot be renamed over');
    expect(() => writeFileAtomic(join(sub, 'target'), 'secret key bytes')).toThrow();
    expect(readdirSync(sub)).toEqual(['target']);
  });
});
