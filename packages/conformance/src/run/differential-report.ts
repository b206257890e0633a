/**
 * A differential run (`run --against sim`) as a RunReport, so that `--junit` and `--html`
 * write it like any run: one case, "08-conformance/differential", passed when the target and
 * the simulator agreed on every sequence, failed at the first diverging exchange otherwise,
 * with both traces kept side by side and the seed (and command) that reproduces it.
 */
import type { CardDescription } from '../description/card-description.js';
import { CoverageTracker } from '../report/coverage.js';
import type { CaseResult, RunReport } from '../report/result.js';
import type { DifferentialResult } from './differential.js';

export const DIFFERENTIAL_CASE = '08-conformance/differential';

export interface DifferentialMeta {
  target: string;
  description: CardDescription;
  /** fast-check seed of the run: the same seed generates the same sequences. */
  seed: number;
  /** The command line that runs the same sequences again. */
  reproduce: string;
  startedAt: string;
  durationMs: number;
  tool?: string;
  settings?: Record<string, string>;
}

export function differentialReport(result: DifferentialResult, meta: DifferentialMeta): RunReport {
  const d = result.divergence;
  const coverage = new CoverageTracker(meta.description);
  for (const e of d?.targetTrace ?? []) coverage.observe(e);
  const reason =
    d === null
      ? null
      : `target and simulator diverge at exchange ${d.step + 1} (${d.command}): expected ${d.reference}, got ${d.target}; seed ${meta.seed} reproduces it: ${meta.reproduce}`;
  const only: CaseResult = {
    id: DIFFERENTIAL_CASE,
    clause: '08-conformance §Differential',
    title: `the target answers the ${result.runs} generated sequences as the simulator of the same profile does`,
    tags: [],
    outcome: d === null ? 'pass' : 'fail',
    reason,
    trace: d?.targetTrace ?? [],
    durationMs: meta.durationMs,
  };
  return {
    target: meta.target,
    profile: meta.description.profile,
    seed: meta.seed,
    shard: null,
    startedAt: meta.startedAt,
    durationMs: meta.durationMs,
    ...(meta.tool ? { tool: meta.tool } : {}),
    settings: { mode: '--against sim (differential)', ...(meta.settings ?? {}), reproduce: meta.reproduce },
    results: [only],
    coverage: coverage.table,
    differential: { runs: result.runs, seed: meta.seed, reproduce: meta.reproduce, divergence: d },
  };
}
