/** `pnpm apdu`: spawned for real (node + tsx on the source), checking stdout, stderr and exit codes. */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'packages/apdu-codec/src/cli.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Same as `pnpm apdu …` minus pnpm's start-up: node with tsx and the source condition. */
function apdu(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@ssc-cos/source', '--import', 'tsx', CLI, ...args], {
      cwd: ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectOneLineError(r: Run): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^apdu: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe.concurrent('pnpm apdu', () => {
  test('decode: the SSSE SELECT says case 4S, SELECT by DF name, Nc=15, Ne=256 and sx1.sh.社会保障', async () => {
    const r = await apdu('decode', '00A404000F7378312E73682EC9E7BBE1B1A3D5CF00');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('case 4S');
    expect(r.stdout).toContain('SELECT by DF name');
    expect(r.stdout).toContain('Nc=15');
    expect(r.stdout).toContain('Ne=256');
    expect(r.stdout).toContain('sx1.sh.社会保障');
  });

  test('sw 63C3: verification failed with 3 tries left', async () => {
    const r = await apdu('sw', '63C3');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verification failed, 3 tries left');
  });

  test('decode 00A4: one-line error, exit 2', async () => {
    expectOneLineError(await apdu('decode', '00A4'));
  });

  test('decode: 2 bytes forming a known SW are a response; --response forces it', async () => {
    expect((await apdu('decode', '6A82')).stdout).toBe('response: 6A82 file or application not found\n');
    const r = await apdu('decode', '--response', '0201339000');
    expect(r.stdout).toContain('9000 success [3 bytes: 020133]');
  });

  test('decode --json gives the description as JSON', async () => {
    const r = await apdu('decode', '--json', '00B2012C00');
    expect(JSON.parse(r.stdout)).toMatchObject({
      kind: 'command',
      name: 'READ RECORD',
      apduCase: '2S',
      ne: 256,
    });
  });

  test('decode --file: one line per pair of the trace; --json gives an array', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apdu-cli-'));
    const file = join(dir, 't.trace');
    writeFileSync(
      file,
      '> 00A404000F7378312E73682EC9E7BBE1B1A3D5CF00\n< 6105\n> 00C0000005\n< 6F038401009000\n',
    );
    const r = await apdu('decode', '--file', file);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('GET RESPONSE');
    const j = await apdu('decode', '--json', '--file', file);
    expect(JSON.parse(j.stdout)).toHaveLength(2);
  });

  test('decode --file vectors/samples/select-read.trace: SELECT SSSE, GET RESPONSE, READ RECORD EF05 rec 1', async () => {
    const r = await apdu('decode', '--file', 'vectors/samples/select-read.trace');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('SELECT by DF name, data "sx1.sh.社会保障"');
    expect(lines[1]).toContain('GET RESPONSE');
    expect(lines[2]).toContain('READ RECORD record 1, SFI 05');
  });

  test('decode --file of a missing file: one-line error, exit 2', async () => {
    expectOneLineError(await apdu('decode', '--file', '/nonexistent/x.trace'));
  });

  test('atr: 01-card ATR offers T=0, no TCK, serial 261122000001 (--json)', async () => {
    const r = await apdu('atr', '3B6D000000905431168660261122000001', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      protocols: [0],
      tck: null,
      ssc: { kind: 'card', serial: '261122000001' },
    });
  });

  test('atr: a truncated ATR is a one-line error, exit 2', async () => {
    expectOneLineError(await apdu('atr', '3B6D0000'));
  });

  test('tlv: 01-card FCI 6F/84/A5 prints the tree with the DF name as text', async () => {
    const r = await apdu('tlv', '6F1A840F7378312E73682EC9E7BBE1B1A3D5CFA5079F0C0486010300');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('84 (15) 7378312E73682EC9E7BBE1B1A3D5CF "sx1.sh.社会保障"');
    expect(r.stdout).toContain('    9F0C (4) 86010300');
  });

  test('tlv --simple: 01-card EF06 record 09 (name 张三)', async () => {
    const r = await apdu('tlv', '--simple', '--json', '0904D5C5C8FD');
    expect(JSON.parse(r.stdout)).toEqual([{ tag: '09', length: 4, value: 'D5C5C8FD' }]);
  });

  test('bad input everywhere: one-line errors, exit 2', async () => {
    const runs = await Promise.all([
      apdu('sw', '12'),
      apdu('decode', 'zz'),
      apdu('tlv', '6F05'),
      apdu('bogus'),
      apdu(),
      apdu('decode'),
    ]);
    for (const r of runs) expectOneLineError(r);
  });
});
