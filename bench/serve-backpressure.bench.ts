/**
 * RSS of `serve` against a vpcd peer that never reads its answers (issue 15 finding 10; once
 * 100 MB in → 640 MB RSS). Taken in a child process (bench/serve/slow-peer-child.ts): peak RSS
 * minus RSS at start, while the peer pushes 100 MB of APDUs. Goal: growth under 64 MiB — the
 * slot pauses reading past 64 KiB of unsent answers and drops the peer past 1 MiB.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Figure, figureFromSamples, notMeasured } from './harness.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./serve/slow-peer-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MIB = 2 ** 20;
const GOAL = { direction: 'max', target: 64 } as const;

export async function figures(): Promise<Figure[]> {
  const name = 'serve.slow-peer-rss';
  const label = 'serve: RSS growth while a vpcd peer that never reads pushes 100 MB of APDUs';
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx/esm', '--conditions=@ssc-cos/source', CHILD],
      { cwd: ROOT, timeout: 120_000, maxBuffer: 1 << 20 },
    );
    const r = JSON.parse(stdout.trim()) as {
      rssBefore: number;
      maxRss: number;
      apdus: number;
      drops: number;
    };
    return [
      figureFromSamples(
        name,
        label,
        'MiB',
        [(r.maxRss - r.rssBefore) / MIB],
        GOAL,
        `peak RSS ${(r.maxRss / MIB).toFixed(0)} MiB from ${(r.rssBefore / MIB).toFixed(0)} MiB; the card answered ${r.apdus} APDUs, dropped the peer ${r.drops}×`,
      ),
    ];
  } catch (e) {
    return [
      notMeasured(name, label, 'MiB', (e instanceof Error ? e.message : String(e)).split('\n')[0]!, GOAL),
    ];
  }
}
