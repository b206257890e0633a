/**
 * What a one-APDU `cos-sim exec` loads (issue 13 item 2: the bin's cold start). Each command
 * loads its own code only when it runs and the plain `exec --profile P` is parsed without
 * yargs, so the exec path must not load yargs, the other commands (serve, info, perso), SM2
 * (sm-crypto-v2, @noble) or iconv-lite (the built-in profiles' GBK text is encoded from Node's
 * table: profile/gbk-encoding.ts). The process is real and the module list comes from a load
 * hook (test/fixtures/module-log.mjs), so this fails the day a static import drags one in.
 * Not a timing test: the figure is bench/cli.bench.ts's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 60_000 });

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const logger = fileURLToPath(new URL('./fixtures/module-log.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ssc-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** The modules `cos-sim ARGS` loads (URLs and paths), its stdout and exit status. */
function modulesOf(args: string[], input = ''): { modules: string[]; stdout: string; status: number | null } {
  const log = join(dir, `modules-${runs++}.txt`);
  const r = spawnSync(
    process.execPath,
    ['--conditions=@ssc-cos/source', '--import', tsx, '--import', pathToFileURL(logger).href, cli, ...args],
    { input, encoding: 'utf8', env: { ...process.env, MODULE_LOG: log } },
  );
  return {
    modules: readFileSync(log, 'utf8').split('\n').filter(Boolean),
    stdout: r.stdout,
    status: r.status,
  };
}

const HEAVY = [
  /\/yargs(-parser)?\//,
  /\/sm-crypto-v2\//,
  /\/@noble\//,
  /\/iconv-lite\//,
  /\/cos-sim\/src\/serve\//,
  /\/cos-sim\/src\/cli\/(serve|info|perso)\.ts$/,
];

describe('lazy loading of the cos-sim CLI', () => {
  it('a one-APDU exec on ssc-2g-des loads the card, and none of yargs, SM2, iconv-lite or other commands', () => {
    const run = modulesOf(['exec', '--profile', 'ssc-2g-des'], '00A4000002EF05\n');
    expect(run.stdout).toBe('9000\n');
    expect(run.status).toBe(0);
    // The log sees the modules exec does need (so an empty log cannot pass).
    expect(run.modules.some((m) => m.endsWith('/cos-sim/src/card.ts'))).toBe(true);
    expect(run.modules.some((m) => m.endsWith('/cos-sim/src/profile/gbk-encoding.ts'))).toBe(true);
    expect(run.modules.filter((m) => HEAVY.some((h) => h.test(m)))).toEqual([]);
  });

  it('the same exec with --trace and --seed still loads none of them', () => {
    const run = modulesOf(['exec', '--profile', 'ssc-2g-des', '--seed', '1', '--trace'], '0084000008\n');
    expect(run.stdout).toMatch(/^[0-9A-F]{16}9000\n$/);
    expect(run.modules.filter((m) => HEAVY.some((h) => h.test(m)))).toEqual([]);
  });

  it('--help goes through yargs and loads no card code', () => {
    const run = modulesOf(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/exec/);
    expect(run.modules.some((m) => /\/yargs\//.test(m))).toBe(true);
    expect(run.modules.filter((m) => /\/cos-sim\/src\/(card\.ts|cli\/exec\.ts|profile\/)/.test(m))).toEqual(
      [],
    );
  });
});
