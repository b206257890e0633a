/** `cos-sim exec` and `cos-sim info` (task: CLI). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseTraceText, TRACE_HEADER, toHex } from '@ssc-cos/apdu-codec';
import { afterAll, describe, expect, test } from 'vitest';
import { CliError, runExec } from '../src/cli/exec.js';
import { describeImage } from '../src/cli/info.js';
import { deserializeImage } from '../src/state/serialize.js';
import { exitCode, lineReader, runCli, startCli } from './helpers/cli-process.js';
import { cardImage } from './helpers/images.js';
import { MASTER_KEYS, ZONE_MASTER_KEYS } from './helpers/spec-image.js';

const dir = mkdtempSync(join(tmpdir(), 'cos-sim-cli-'));
/** The `apdu` tool (source through tsx), which reads traces back. */
const APDU_CLI = fileURLToPath(new URL('../../apdu-codec/src/cli.ts', import.meta.url));
const TSX = [
  '--conditions=@ssc-cos/source',
  '--import',
  pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href,
];
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exec(
  input: string,
  options: Parameters<typeof runExec>[0],
): Promise<{ out: string[]; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: string[] = [];
  const errChunks: string[] = [];
  out.on('data', (c) => chunks.push(String(c)));
  err.on('data', (c) => errChunks.push(String(c)));
  await runExec(options, Readable.from([input]), out, err);
  return { out: chunks.join('').split('\n').filter(Boolean), err: errChunks.join('') };
}

describe('cos-sim exec', () => {
  test('the issue example: SELECT SSSE → 61xx, GET RESPONSE → FCI‖9000, EF05 record 1 ‖ 9000, wrong PIN → 63C4', async () => {
    const input = '00A404000F7378312E73682EC9E7BBE1B1A3D5CF\n00C0000000\n00B2012C00\n0020000003123450\n';
    const { out } = await exec(input, { profile: 'ssc-2g-des', seed: 1 });
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(/^61[0-9A-F]{2}$/);
    expect(out[1]).toMatch(/^6F[0-9A-F]+9000$/);
    expect((out[1]!.length - 4) / 2).toBe(Number.parseInt(out[0]!.slice(2), 16));
    expect(out[2]).toBe('0110110100D15600000526112200000100009000');
    expect(out[3]).toBe('63C4');
  });

  test('spaces, # comments and blank lines are allowed; `reset` prints the ATR', async () => {
    const { out } = await exec('# a comment\n\n00 20 00 00   # tries\nreset\n', { profile: 'ssc-3g-sm4' });
    expect(out).toEqual(['63C5', '3B6D000000905431168660261122000001']);
  });

  test('12-payment 防拔: `cut-power-after N` cuts the next command after its N-th write (empty line, nothing kept)', async () => {
    // A wrong PIN spends a try in its first write: cut there, the try is not spent.
    const { out } = await exec('cut-power-after 1\n0020000003111111\n0020000003111111\n', {
      profile: 'ssc-2g-des',
    });
    expect(out).toEqual(['63C4']);
    const uncut = await exec('0020000003111111\n0020000003111111\n', { profile: 'ssc-2g-des' });
    expect(uncut.out).toEqual(['63C4', '63C3']);
    await expect(exec('cut-power-after 0\n', { profile: 'ssc-2g-des' })).rejects.toThrow(CliError);
  });

  test('--trace writes the exchanges to stderr in the trace format (docs/trace.md), stdout unchanged', async () => {
    const input = '00200000\nreset\ncut-power-after 1\n0020000003111111\n';
    const { out, err } = await exec(input, { profile: 'ssc-2g-des', trace: true });
    expect(out).toEqual(['63C5', '3B6D000000905431168660261122000001']);
    const lines = err.trimEnd().split('\n');
    expect(lines[0]).toBe(TRACE_HEADER);
    const stamp = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${stamp} @card > 00200000$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${stamp} @card < 63C5$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${stamp} @card reset$`)));
    expect(lines).toContainEqual(expect.stringMatching(/^# VERIFY/)); // the shared decoded comment
    // The shared reader reads it back: the exchange, the reset with its ATR, the cut command unanswered.
    const trace = parseTraceText(err);
    expect(
      trace.map((e) => [e.device, e.command && toHex(e.command), e.response && toHex(e.response)]),
    ).toEqual([
      ['card', '00200000', '63C5'],
      ['card', null, '3B6D000000905431168660261122000001'],
      ['card', '0020000003111111', undefined],
    ]);
    for (const e of trace) expect(e.answeredAt ?? e.timestamp).toBeGreaterThanOrEqual(e.timestamp!);
  });

  test('--trace of a PSAM profile labels its lines @psam', async () => {
    const { err } = await exec('00A4000002DF01\n', { profile: 'psam-hospital', trace: true });
    expect(parseTraceText(err).map((e) => e.device)).toEqual(['psam']);
  });

  test('a trace written by `exec --trace` reads back with `apdu decode --file`', () => {
    const run = runCli(['exec', '--profile', 'ssc-2g-des', '--trace'], '00A4000002EF05\n00B0000000\n');
    expect(run.stdout).toBe('9000\n6981\n');
    const file = join(dir, 'exec.trace');
    writeFileSync(file, run.stderr);
    const decoded = spawnSync(process.execPath, [...TSX, APDU_CLI, 'decode', '--file', file, '--json'], {
      encoding: 'utf8',
    });
    expect(decoded.stderr).toBe('');
    expect(decoded.status).toBe(0);
    const entries = JSON.parse(decoded.stdout) as { device?: string; command: { hex?: string } }[];
    expect(entries.map((e) => e.device)).toEqual(['card', 'card']);
  });

  test('--seed makes GET CHALLENGE reproducible', async () => {
    const a = await exec('0084000008\n', { profile: 'ssc-2g-des', seed: 9 });
    const b = await exec('0084000008\n', { profile: 'ssc-2g-des', seed: 9 });
    expect(a.out).toEqual(b.out);
  });

  test('--state keeps the card across runs (the PIN counter survives)', async () => {
    const state = join(dir, 'state.json');
    expect((await exec('0020000003111111\n', { profile: 'ssc-2g-des', state })).out).toEqual(['63C4']);
    expect(
      deserializeImage(readFileSync(state, 'utf8')).mf.keys.find((k) => k.type === 'pin')!.triesLeft,
    ).toBe(4);
    expect((await exec('0020000003111111\n', { profile: 'ssc-2g-des', state })).out).toEqual(['63C3']);
  });

  test('malformed hex, bad seed and a corrupt state file are CliErrors', async () => {
    await expect(exec('00A4 0G\n', { profile: 'ssc-2g-des' })).rejects.toThrow(/line 1: malformed hex/);
    await expect(exec('', { profile: 'ssc-2g-des', seed: -1 })).rejects.toThrow(CliError);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"ssc-cos-image","version":7}');
    await expect(exec('', { profile: 'ssc-2g-des', state: bad })).rejects.toThrow(/state .*version/);
    await expect(exec('', { profile: 'no-such-profile' })).rejects.toThrow(/profile no-such-profile/);
  });

  test('as a process: one line per APDU, answered before the next line is sent (interactive)', async () => {
    const child = startCli(['exec', '--profile', 'ssc-3g-sm4']);
    const nextLine = lineReader(child);
    const ask = (apdu: string) => {
      child.stdin.write(`${apdu}\n`);
      return nextLine();
    };
    expect(await ask('00200000')).toBe('63C5');
    expect(await ask('0020000003111111')).toBe('63C4');
    child.stdin.end();
    expect(await exitCode(child)).toBe(0);
  });

  test('as a process: bad arguments and malformed input → one line on stderr, exit 2', () => {
    const missing = runCli(['exec']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const badHex = runCli(['exec', '--profile', 'ssc-2g-des'], '00200000\nZZ\n');
    expect(badHex.status).toBe(2);
    expect(badHex.stdout).toBe('63C5\n');
    expect(badHex.stderr).toMatch(/^cos-sim: line 2: malformed hex/);
    expect(badHex.stderr.trim().split('\n')).toHaveLength(1);
    const badProfile = runCli(['info', '--profile', '/nonexistent/p.json']);
    expect(badProfile.status).toBe(2);
    expect(badProfile.stderr.trim().split('\n')).toHaveLength(1);
    expect(runCli(['frobnicate']).status).toBe(2);
  });

  test('as a process: a flag named after an Object.prototype member is unknown → one line, exit 2', () => {
    for (const flag of [['--constructor', 'x'], ['--constructor=1']]) {
      const run = runCli(['exec', '--profile', 'ssc-2g-des', ...flag], '00200000\n');
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/Unknown argument: constructor/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  test('as a process: no command → exit 2 and one line naming every command', () => {
    const none = runCli([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('cos-sim: name a command: exec, info, perso, serve\n');
  });
});

describe('cos-sim info', () => {
  test('prints the tree with access rules and lifecycle, never a key value', () => {
    const text = describeImage(cardImage('3g')).join('\n');
    expect(text).toContain('MF 3F00');
    expect(text).toMatch(/EF EF07 SFI 07 .*read KEY 07 .*write KEY 04/);
    expect(text).toMatch(/EF EF06 SFI 06 .*read PIN\+KEY 01/);
    expect(text).toContain('DF DF04 [temporarily-blocked]');
    for (const df of cardImage('3g').mf.children) {
      if (df.type !== 'df') continue;
      for (const k of df.keys)
        expect(text).not.toContain(Buffer.from(k.value).toString('hex').toUpperCase().slice(0, 16));
    }
    for (const k of cardImage('3g').mf.keys) {
      if (k.type !== 'pin')
        expect(text).not.toContain(Buffer.from(k.value).toString('hex').toUpperCase().slice(0, 16));
    }
    for (const m of [
      ...Object.values(MASTER_KEYS),
      ...Object.values(ZONE_MASTER_KEYS).flatMap(Object.values),
    ]) {
      expect(text).not.toContain(m);
    }
  });

  test('as a process: exit 0 and the tree on stdout', () => {
    const r = runCli(['info', '--profile', 'ssc-2g-des']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('profile ssc-2g-des');
  });
});
