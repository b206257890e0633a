/**
 * Finding 6 of issue 15, 03-security.md §v2: two processes never serve the same state file at
 * once (k processes would give k× the PIN guesses); the second refuses with one line. The lock
 * is the kernel's, on an open descriptor, so a kill -9 cannot leave it stale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { exitCode, lineReader, runCli, startCli } from '../helpers/cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cos-sim-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one process per state file', () => {
  test('a second exec on a state file in use refuses with one line; after kill -9 of the first it starts', async () => {
    const state = join(dir, 'card.json');
    const first = startCli(['exec', '--profile', 'ssc-2g-des', '--state', state]);
    const line = lineReader(first);
    first.stdin.write('0020000003111111\n');
    expect(await line()).toBe('63C4');

    const second = runCli(['exec', '--profile', 'ssc-2g-des', '--state', state], '0020000003111111\n');
    expect(second.status).toBe(2);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(/^cos-sim: state .*card\.json.* in use by another process/);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);

    first.kill('SIGKILL');
    await exitCode(first);
    const third = runCli(['exec', '--profile', 'ssc-2g-des', '--state', state], '00200000\n');
    expect(third.stderr).toBe('');
    expect(third.stdout).toBe('63C4\n');
  }, 30_000);
});
