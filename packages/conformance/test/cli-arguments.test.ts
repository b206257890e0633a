/**
 * Argument handling of the three CLIs as processes (issue 13 item 4, issue 15 finding 11): a
 * repeated singular flag, a flag without its value, a switch given a value, a bad number or a
 * bad choice each end with one readable line on stderr and exit 2; -h, --version and --json.
 */
import { describe, expect, test, vi } from 'vitest';
import { runCliSync, type Tool } from './helpers/cli-process.js';

// Each case starts a process through tsx; on a busy machine that is seconds, not a timing test.
vi.setConfig({ testTimeout: 60_000 });

/** Exit 2 and exactly one stderr line, starting with the tool's name and matching `pattern`. */
function expectUsageError(tool: Tool, args: string[], pattern: RegExp): void {
  const r = runCliSync(tool, args, '00200000\n');
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(new RegExp(`^${tool}: `));
  expect(r.stderr).toMatch(pattern);
  expect(r.code).toBe(2);
}

describe('bad arguments: one line, exit 2', () => {
  test.each([
    [
      ['exec', '--profile', 'ssc-2g-des', '--profile', 'ssc-3g-sm4'],
      /--profile given 2 times \(ssc-2g-des, ssc-3g-sm4\)/,
    ],
    [['exec', '--profile', 'ssc-2g-des', '--seed'], /--seed needs a value/],
    [['exec', '--profile', 'ssc-2g-des', '--seed', 'abc'], /--seed must be a number, got "abc"/],
    [['exec', '--profile', 'ssc-2g-des', '--trace=maybe'], /--trace is a switch .*got "maybe"/],
    [['exec', '--profile', 'ssc-2g-des', '--state'], /--state needs a value/],
    [
      ['serve', '--profile', 'ssc-2g-des', '--stdin', 'sometimes'],
      /--stdin must be one of auto, on, off; got "sometimes"/,
    ],
  ])('cos-sim %j', (args, pattern) => expectUsageError('cos-sim', args, pattern));

  test('conformance run --seed without a value', () =>
    expectUsageError(
      'conformance',
      ['run', '--target', 'sim', '--profile', 'ssc-2g-des', '--seed'],
      /--seed needs a value/,
    ));

  test('conformance run --target with a bad choice names every choice on the one line', () =>
    expectUsageError(
      'conformance',
      ['run', '--target', 'usb', '--profile', 'ssc-2g-des'],
      /--target must be one of sim, pcsc; got "usb"/,
    ));
});

describe('a command that does not exist: one line naming it and the commands', () => {
  test.each([
    [
      'cos-sim',
      ['nosuch', '--profile', 'ssc-2g-des'],
      /^cos-sim: unknown command "nosuch" \(commands: exec, info, perso, serve\)$/,
    ],
    [
      'conformance',
      ['runn', '--target', 'sim'],
      /^conformance: unknown command "runn" \(commands: run, .*list\)$/,
    ],
    ['apdu', ['dekode', '00A4'], /^apdu: unknown command "dekode" \(commands: decode, atr, tlv, sw\)$/],
    [
      'terminal',
      ['iReadCardBass', '--target', 'sim', '--profile', 'ssc-2g-des'],
      /^terminal: unknown command "iReadCardBass" \(commands: iReadCardBas, .*serve-http\)$/,
    ],
  ] as const)('%s %j', (tool, args, pattern) => {
    const r = runCliSync(tool, [...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toMatch(pattern);
  });
});

describe('terminal: bad numbers, one line', () => {
  test.each([
    [
      ['iReadCardBas', '--target', 'sim', '--profile', 'ssc-2g-des', '--itype', 'abc'],
      /--itype must be a number, got "abc"/,
    ],
    [
      ['serve-http', '--port', 'abc', '--target', 'sim', '--profile', 'ssc-2g-des'],
      /--port must be a number, got "abc"/,
    ],
  ])('terminal %j', (args, pattern) => expectUsageError('terminal', args, pattern));
});

describe('-h, --version, --json', () => {
  test.each(['cos-sim', 'conformance', 'apdu', 'terminal'] as const)(
    '%s: -h is --help, --version prints the package version',
    (tool) => {
      const help = runCliSync(tool, ['-h']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Commands:/);
      const version = runCliSync(tool, ['--version']);
      expect(version.code).toBe(0);
      expect(version.stdout.trim()).toBe('0.1.0');
    },
  );

  test('cos-sim info --json: the tree as JSON, status words and ids as hex strings', () => {
    const r = runCliSync('cos-sim', ['info', '--profile', 'ssc-2g-des', '--json']);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout) as { profile: string; mf: { fid: string } };
    expect(info.profile).toBe('ssc-2g-des');
    expect(info.mf.fid).toBe('3F00');
  });

  test('conformance list --json: one object per case', () => {
    const r = runCliSync('conformance', ['list', '--json']);
    expect(r.code).toBe(0);
    const cases = JSON.parse(r.stdout) as { id: string; clause: string; tags: string[] }[];
    expect(cases.length).toBeGreaterThan(10);
    expect(cases[0]).toEqual({ id: expect.any(String), clause: expect.any(String), tags: expect.any(Array) });
  });
});
