/** Shared CLI plumbing: usage errors (exit 2), parsing seeds, writing report files, the tool version. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

import { UsageError } from '@ssc-cos/apdu-codec/cli-runner';

export { UsageError };

export function parseSeed(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
    throw new UsageError(`--seed must be an integer 0..4294967295, got ${String(value)}`);
  return n;
}

export function positiveInt(name: string, value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive integer, got ${String(value)}`);
  return n;
}

export function writeOut(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** The package version, for the report header (source: src/cli; compiled: dist/src/cli). */
function toolVersion(): string {
  const require = createRequire(import.meta.url);
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      const p = require(path) as { name?: string; version?: string };
      if (p.name === '@ssc-cos/conformance' && p.version) return p.version;
    } catch {}
  }
  return 'unknown';
}
export const TOOL_VERSION = toolVersion();
