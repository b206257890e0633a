/** What a run produces: one result per case, the coverage reached, and the run's identity. */

import type { Tag } from '../catalogue/case.js';
import type { Exchange } from '../channel/trace.js';
import type { Divergence } from '../run/differential.js';
import type { PreflightReport } from '../run/preflight.js';
import type { CardState } from '../state/card-state.js';
import type { CoverageTable } from './coverage.js';

/**
 * pass; fail; known deviation (failed, listed in the card's ledger); not applicable (with
 * reason); blocked (not run: an earlier case left the card unable to meet its precondition).
 */
export type Outcome = 'pass' | 'fail' | 'deviation' | 'n/a' | 'blocked';

export interface CaseResult {
  id: string;
  clause: string;
  title: string;
  tags: readonly Tag[];
  outcome: Outcome;
  /** Failure message, n/a reason, or ledger reason. */
  reason: string | null;
  trace: Exchange[];
  durationMs: number;
  /** The shrunk failure vector written for this case (model-based runs), to replay it. */
  vectorPath?: string;
}

export interface RunReport {
  target: string;
  profile: string;
  seed: number | null;
  shard: string | null;
  startedAt: string;
  durationMs?: number;
  /** What pre-flight found (ATRs, algorithms, the keys the key source serves). */
  preflight?: PreflightReport | null;
  /** `--irreversible` was given. */
  irreversible?: boolean;
  /** Tool version and run settings for the report header ("runs", "length", …). */
  tool?: string;
  settings?: Record<string, string>;
  /** Cells "command|sw" the profile makes reachable (coverage gaps are these minus the reached). */
  reachable?: string[];
  /** `--only` filters. */
  only?: string[] | null;
  /** A card that cannot be replaced: its state before and after, and what differs. */
  cardState?: { before: CardState; after: CardState; differences: string[] } | null;
  results: CaseResult[];
  coverage: CoverageTable;
  /** A differential run (`--against sim`): its sequences, seed, and first divergence if any. */
  differential?: {
    runs: number;
    seed: number;
    reproduce: string;
    divergence: Divergence | null;
  };
}

export function counts(results: readonly CaseResult[]): Record<Outcome, number> {
  const c: Record<Outcome, number> = { pass: 0, fail: 0, deviation: 0, 'n/a': 0, blocked: 0 };
  for (const r of results) c[r.outcome]++;
  return c;
}

/** Exit status rule of the CLI: only a run where everything applicable passed is a success. */
export function runPassed(results: readonly CaseResult[]): boolean {
  return results.every((r) => r.outcome !== 'fail' && r.outcome !== 'blocked');
}
