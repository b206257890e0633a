/**
 * A replay (`conformance replay`) as a RunReport, so that `--junit` and `--html` write it like
 * any run: one case per vector, passed when every checked step matched, failed at the first
 * difference (expected next to actual, the trace up to it), and a recording without expected
 * values "n/a: recorded, not checked" — never a pass.
 */
import type { CardDescription } from '../description/card-description.js';
import type { Vector } from '../vectors/format.js';
import type { ReplayResult } from '../vectors/replay.js';
import { CoverageTracker } from './coverage.js';
import type { CaseResult, RunReport } from './result.js';

export interface ReplayMeta {
  target: string;
  /** The card the coverage is counted against (the first vector's profile). */
  description: CardDescription;
  startedAt: string;
  durationMs: number;
  tool?: string;
}

export const RECORDED_NOT_CHECKED = 'recorded, not checked (the vector has no expected values)';

export function replayReport(
  vectors: readonly Vector[],
  results: readonly ReplayResult[],
  meta: ReplayMeta,
): RunReport {
  const coverage = new CoverageTracker(meta.description);
  const cases = results.map((r, i): CaseResult => {
    for (const e of r.trace) coverage.observe(e);
    const v = vectors[i]!;
    const d = r.difference;
    const base = {
      id: r.name,
      clause: v.clause ?? `vector (${v.kind})`,
      title: `${v.kind} vector, ${r.apdus} APDUs`,
      tags: [],
      trace: r.trace,
      durationMs: 0,
    };
    if (d !== null)
      return {
        ...base,
        outcome: 'fail',
        reason: `step ${d.step + 1}${d.note ? ` (${d.note})` : ''}: ${d.device} ${d.command ?? 'reset'}: expected ${d.expected}, got ${d.actual}`,
      };
    if (r.checked === 0) return { ...base, outcome: 'n/a', reason: RECORDED_NOT_CHECKED };
    return { ...base, outcome: 'pass', reason: null };
  });
  return {
    target: meta.target,
    profile: [...new Set(vectors.map((v) => v.profile))].join(', '),
    seed: null,
    shard: null,
    startedAt: meta.startedAt,
    durationMs: meta.durationMs,
    ...(meta.tool ? { tool: meta.tool } : {}),
    settings: { mode: 'replay', vectors: String(vectors.length) },
    results: cases,
    coverage: coverage.table,
  };
}
