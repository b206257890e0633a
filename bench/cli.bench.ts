/**
 * CLI cold start (goal < 500 ms): `cos-sim exec` answering one APDU from stdin, timed from
 * spawn to exit, as the node process directly (`node --import tsx/esm …/cli.ts`) and as users
 * type it (`pnpm cos-sim exec`). Peers in the same run: bare `node -e 0`, node with the tsx
 * loader on an empty module and `pnpm --version`, the floors below which a TypeScript CLI run
 * each way cannot go.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Figure, figureFromSamples, median, notMeasured, ratio } from './harness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = 'packages/cos-sim/src/cli.ts';
const APDU = '00A4000002EF05\n';
const RUNS = 7;
const GOAL = { direction: 'max', target: 500 } as const;
const TSX = ['--import', 'tsx/esm', '--conditions=@ssc-cos/source'];
/** `tsc -b` output of the same CLI: what a published package would run (no TypeScript transform). */
const COMPILED_CLI = 'packages/cos-sim/dist/src/cli.js';
/** The `cos-sim` bin (pnpm's shim → bin/cos-sim.mjs → dist), as `pnpm exec cos-sim` runs it. */
const BIN = 'node_modules/.bin/cos-sim';
/** Issue 13: one-APDU `cos-sim exec` through the bin. */
const BIN_GOAL = { direction: 'max', target: 250 } as const;

/** Wall time of one process run in ms; throws if it fails or answers something else. */
function timed(command: string, args: string[], expect: string | null): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd: ROOT, input: APDU, encoding: 'utf8', timeout: 30_000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: exit ${r.status}: ${r.stderr.trim()}`);
  if (expect !== null && r.stdout.trim() !== expect)
    throw new Error(`${command}: answered "${r.stdout.trim()}", expected ${expect}`);
  return ms;
}

/**
 * Samples of several commands taken round-robin (one warm-up run each first: file-system cache,
 * tsx's transform cache), so load on the shared machine hits every command alike.
 */
function interleaved(commands: [command: string, args: string[], expect: string | null][]): number[][] {
  for (const [command, args, expect] of commands) timed(command, args, expect);
  const out: number[][] = commands.map(() => []);
  for (let r = 0; r < RUNS; r++) {
    for (const [i, [command, args, expect]] of commands.entries()) out[i]!.push(timed(command, args, expect));
  }
  return out;
}

export async function figures(): Promise<Figure[]> {
  const emptyDir = mkdtempSync(join(tmpdir(), 'ssc-cli-bench-'));
  const emptyModule = join(emptyDir, 'empty.mts');
  writeFileSync(emptyModule, 'export {};\n');
  const hasCompiled = existsSync(join(ROOT, COMPILED_CLI));
  let nodeFloor: number[];
  let tsxFloor: number[];
  let direct: number[];
  let viaPnpm: number[];
  let pnpmFloor: number[];
  let compiledSamples: number[] | undefined;
  try {
    [nodeFloor, tsxFloor, direct, pnpmFloor, viaPnpm, compiledSamples] = interleaved([
      [process.execPath, ['-e', '0'], null],
      [process.execPath, [...TSX, emptyModule], null],
      [process.execPath, [...TSX, CLI, 'exec', '--profile', 'ssc-2g-des'], '9000'],
      ['pnpm', ['--version'], null],
      ['pnpm', ['-s', 'cos-sim', 'exec', '--profile', 'ssc-2g-des'], '9000'],
      ...(hasCompiled
        ? [[BIN, ['exec', '--profile', 'ssc-2g-des'], '9000'] as [string, string[], string]]
        : []),
    ]) as [number[], number[], number[], number[], number[], number[] | undefined];
  } catch (e) {
    rmSync(emptyDir, { recursive: true, force: true });
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'spawn failed';
    return [notMeasured('cli.cold-start.node', 'cos-sim exec cold start', 'ms', reason, GOAL)];
  }
  // Compiled JavaScript, measured when a `tsc -b` output is present (the fix for both misses).
  rmSync(emptyDir, { recursive: true, force: true });
  const compiled = compiledSamples
    ? figureFromSamples(
        'cli.cold-start.compiled',
        'cos-sim exec, one APDU, through the bin (node_modules/.bin/cos-sim → dist, tsc -b output)',
        'ms',
        compiledSamples,
        BIN_GOAL,
        `${ratio(median(compiledSamples), median(nodeFloor))} node's own start (node -e 0: ${median(nodeFloor).toFixed(0)} ms, same run); ${ratio(median(direct), median(compiledSamples))} faster than through tsx; built-in profile name`,
      )
    : notMeasured(
        'cli.cold-start.compiled',
        'cos-sim exec, one APDU, through the bin (node_modules/.bin/cos-sim → dist, tsc -b output)',
        'ms',
        'no tsc -b output (pnpm bench runs tsc -b first)',
        BIN_GOAL,
      );
  const [n, t, d, p, q] = [nodeFloor, tsxFloor, direct, viaPnpm, pnpmFloor].map(median) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const vs = (v: number) =>
    `${ratio(v, n)} bare node (${n.toFixed(0)} ms), ${ratio(v, t)} node+tsx on an empty module (${t.toFixed(0)} ms)`;
  return [
    figureFromSamples('cli.floor.node', 'cold start floor: node -e 0', 'ms', nodeFloor),
    figureFromSamples(
      'cli.floor.tsx',
      'cold start floor: node + tsx loader, empty .mts module',
      'ms',
      tsxFloor,
    ),
    figureFromSamples('cli.floor.pnpm', 'cold start floor: pnpm --version', 'ms', pnpmFloor),
    figureFromSamples(
      'cli.cold-start.node',
      'cos-sim exec, one APDU, node --import tsx/esm cli.ts',
      'ms',
      direct,
      GOAL,
      `${vs(d)}; spawn to exit, answer checked (9000)`,
    ),
    figureFromSamples(
      'cli.cold-start.pnpm',
      'cos-sim exec, one APDU, pnpm cos-sim exec',
      'ms',
      viaPnpm,
      GOAL,
      `${vs(p)}, ${ratio(p, q)} pnpm --version (${q.toFixed(0)} ms); ${(p - d).toFixed(0)} ms more than node directly: pnpm's own start (the root script then execs node --import tsx, one process)`,
    ),
    compiled,
  ];
}
