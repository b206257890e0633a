/**
 * The language-neutral PC/SC client of the measurements (../shared/tools/pcsc_bench.c, 07-vpcd.md):
 * compiled into a temporary folder at bench time (no binary is committed), run once per sample.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SHARED_TOOLS = process.env.SSC_SHARED_TOOLS ?? '/work/shared/tools';

export interface PcscBenchResult {
  reader: string;
  apdus: number;
  seconds: number;
  apdus_per_s: number;
  last_sw: string;
}

/** Builds pcsc_bench with gcc + pkg-config libpcsclite; returns the binary's path. */
export async function buildPcscBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ssc-pcsc-bench-'));
  const binary = join(dir, 'pcsc_bench');
  const flags = (await run('pkg-config', ['--cflags', '--libs', 'libpcsclite'])).stdout.trim().split(/\s+/);
  await run('gcc', ['-O2', '-o', binary, join(SHARED_TOOLS, 'pcsc_bench.c'), ...flags]);
  return binary;
}

/** Sends `count` APDUs round-robin to the first reader matching `reader`. */
export async function pcscBench(
  binary: string,
  reader: string,
  count: number,
  apdus: string[],
): Promise<PcscBenchResult> {
  const { stdout } = await run(binary, [reader, String(count), ...apdus], { timeout: 120_000 });
  return JSON.parse(stdout.trim()) as PcscBenchResult;
}
