/**
 * Finding 7 of issue 15: a state file given through a symbolic link is the link's target (saved
 * atomically next to it, the link stays a link); a dangling link is refused with one line, never
 * silently turned into a fresh card.
 */
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { deserializeImage } from '../../src/state/serialize.js';
import { runCli } from '../helpers/cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cos-sim-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const triesIn = (path: string) =>
  deserializeImage(readFileSync(path, 'utf8')).mf.keys.find((k) => k.type === 'pin')!.triesLeft;

describe('symlinked state files', () => {
  test('a link to a state file: the target is updated, the link stays a link', () => {
    mkdirSync(join(dir, 'cards'));
    const target = join(dir, 'cards', 'real.json');
    const link = join(dir, 'link.json');
    expect(runCli(['exec', '--profile', 'ssc-2g-des', '--state', target], '00200000\n').stdout).toBe(
      '63C5\n',
    );
    symlinkSync(target, link);
    const run = runCli(['exec', '--profile', 'ssc-2g-des', '--state', link], '0020000003111111\n');
    expect(run.stdout).toBe('63C4\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(triesIn(target)).toBe(4);
  });

  test('a dangling link is refused with one line and creates nothing', () => {
    const link = join(dir, 'dangling.json');
    symlinkSync(join(dir, 'nowhere', 'card.json'), link);
    const run = runCli(['exec', '--profile', 'ssc-2g-des', '--state', link], '00200000\n');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^cos-sim: state .*dangling\.json.*(dangling|missing)/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
