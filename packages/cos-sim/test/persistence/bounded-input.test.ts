/**
 * Finding 10 (and the EPIPE of finding 11) of issue 15: nothing the card is fed makes it grow
 * without bound. Profile and state files are read up to a size limit (a state file must be a
 * regular file: it is replaced by rename), exec input lines have a length limit, each with one
 * clear line past it; exec stops reading input while its stdout is not drained, and a closed
 * stdout (`exec … | head -1`) ends it quietly with exit 0.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import { runExec } from '../../src/cli/exec.js';
import { loadProfile } from '../../src/profile/index.js';
import { loadStateFile } from '../../src/state/state-file.js';
import { exitCode, startCli } from '../helpers/cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'cos-sim-bounds-'));
const writers: ChildProcess[] = [];
afterAll(() => {
  for (const w of writers) w.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const MiB = 1024 * 1024;

/** A named pipe fed 8 MiB of zeros by a background writer (a stand-in for /dev/zero that ends). */
function zeroFifo(name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  writers.push(spawn('sh', ['-c', `head -c ${8 * MiB} /dev/zero > "$0"`, path], { stdio: 'ignore' }));
  return path;
}

const sink = () =>
  new Writable({
    write(_c, _e, cb) {
      cb();
    },
  });

describe('size limits', () => {
  test('a state file that is not a regular file is refused before it is read', () => {
    expect(() => loadStateFile(zeroFifo('state.fifo'))).toThrow(/not a regular file/);
  });

  test('a state file over the limit is refused with its size', () => {
    const big = join(dir, 'big-state.json');
    writeFileSync(big, ' '.repeat(2 * MiB));
    expect(() => loadStateFile(big)).toThrow(/larger than/);
  });

  test('a profile over the limit is refused, also from a pipe that does not end soon', () => {
    expect(() => loadProfile(zeroFifo('profile.fifo'))).toThrow(/larger than/);
    const big = join(dir, 'big-profile.json');
    writeFileSync(big, ' '.repeat(2 * MiB));
    expect(() => loadProfile(big)).toThrow(/larger than/);
  });

  test('an exec input line over the limit is refused with its line number', async () => {
    const chunk = 'A'.repeat(MiB);
    const input = Readable.from(
      (function* () {
        yield '00200000\n';
        for (let i = 0; i < 64; i++) yield chunk;
      })(),
    );
    await expect(runExec({ profile: 'ssc-2g-des' }, input, sink(), sink())).rejects.toThrow(
      /line 2: longer than/,
    );
  });
});

describe('exec and its stdout', () => {
  test('exec stops reading input while stdout is not drained', async () => {
    let yielded = 0;
    const input = Readable.from(
      (function* () {
        for (let i = 0; i < 200_000; i++) {
          yielded++;
          yield '00200000\n';
        }
      })(),
    );
    // A reader that never takes anything: the first write fills it, none ever completes.
    const stuck = new Writable({ highWaterMark: 1024, write() {} });
    const running = runExec({ profile: 'ssc-2g-des' }, input, stuck, sink()).catch(() => {});
    await new Promise((r) => setTimeout(r, 500));
    expect(yielded).toBeLessThan(2_000);
    stuck.destroy();
    input.destroy();
    await running;
  });

  test('`exec | head -1`: a closed stdout ends exec quietly with exit 0', async () => {
    const child = startCli(['exec', '--profile', 'ssc-2g-des']);
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.on('error', () => {});
    child.stdin.end('00200000\n'.repeat(50_000));
    expect(await exitCode(child)).toBe(0);
    expect(stderr).toBe('');
  }, 30_000);
});
