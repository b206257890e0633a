/**
 * Memory of 100,000 card images alive in one process (goal < 1 GiB), taken in a child node
 * process with --expose-gc (bench/memory/images-child.ts): heap + external growth after a full
 * GC. Every card is distinct: built from the profile for its own serial (own ATR, card factor,
 * diversified keys). `distinct` keeps each build as is; `interned` then shares every subtree
 * byte-equal to a template's (safe: images are immutable). `shared` (one build, ATR-only
 * copies, same keys) is the floor, not a set of distinct cards.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Figure, figureFromSamples, notMeasured, ratio } from './harness.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./memory/images-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COUNT = 100_000;
const GIB = 2 ** 30;
const GOAL = { direction: 'max', target: 1 } as const;

interface ChildResult {
  images: number;
  distinct: boolean;
  buildSeconds: number;
  heapBytes: number;
  externalBytes: number;
}

async function measure(profile: string, mode: 'distinct' | 'interned' | 'shared'): Promise<ChildResult> {
  const { stdout } = await run(
    process.execPath,
    [
      '--expose-gc',
      // 100,000 distinct images need about 1 GB of heap, above V8's default old-space limit here.
      '--max-old-space-size=4096',
      '--import',
      'tsx/esm',
      '--conditions=@ssc-cos/source',
      CHILD,
      profile,
      String(COUNT),
      mode,
    ],
    { cwd: ROOT, timeout: 180_000, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim()) as ChildResult;
}

async function profileFigures(profile: string, withFloor: boolean): Promise<Figure[]> {
  const name = `memory.images-100k.${profile}`;
  const label = `100,000 distinct card images alive, heap + external after GC (${profile})`;
  let distinct: ChildResult;
  let interned: ChildResult;
  let shared: ChildResult | null = null;
  try {
    distinct = await measure(profile, 'distinct');
    interned = await measure(profile, 'interned');
    if (withFloor) shared = await measure(profile, 'shared');
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'child failed';
    return [notMeasured(name, label, 'GiB', reason, GOAL)];
  }
  const gib = (r: ChildResult) => (r.heapBytes + r.externalBytes) / GIB;
  const describe = (r: ChildResult) =>
    `${((r.heapBytes + r.externalBytes) / r.images / 1024).toFixed(1)} KiB/card (heap ${(r.heapBytes / 2 ** 20).toFixed(0)} MiB, external ${(r.externalBytes / 2 ** 20).toFixed(0)} MiB), ${r.buildSeconds.toFixed(1)} s to build${r.distinct ? '' : '; WARNING: images not distinct'}`;
  const out = [
    figureFromSamples(
      name,
      label,
      'GiB',
      [gib(distinct)],
      GOAL,
      `buildImage per serial, nothing shared; ${describe(distinct)}`,
    ),
    figureFromSamples(
      `memory.images-100k-interned.${profile}`,
      `100,000 distinct card images, equal subtrees shared with a template (${profile})`,
      'GiB',
      [gib(interned)],
      GOAL,
      `buildImage per serial, then byte-equal subtrees replaced by the template's (own ATR and keys kept); ${describe(interned)}; ${ratio(gib(distinct), gib(interned))} smaller than unshared`,
    ),
  ];
  if (shared)
    out.push(
      figureFromSamples(
        `memory.images-100k-shared.${profile}`,
        `100,000 ATR-only clones of one image (${profile}; floor, not distinct keys)`,
        'GiB',
        [gib(shared)],
        undefined,
        `${describe(shared)}; distinct images are ${ratio(gib(distinct), gib(shared))} this floor`,
      ),
    );
  return out;
}

export async function figures(): Promise<Figure[]> {
  return [...(await profileFigures('ssc-2g-des', true)), ...(await profileFigures('ssc-3g-sm4', false))];
}
