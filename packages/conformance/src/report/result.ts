/** What a run produces: one result per case, the coverage reached, and the run's identity. */

import type { Algorithm } from '@ssc-cos/apdu-codec/crypto';
import type { Exchange } from '../channel/trace.js';
import type { Tag } from '../kit/case.js';
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

/** The first step where a differential run's target and reference answered differently (run/differential.ts). */
export interface Divergence {
  step: number;
  command: string;
  target: string;
  reference: string;
  targetTrace: Exchange[];
  referenceTrace: Exchange[];
  commands: string;
}

/** What pre-flight found before the cases ran (run/preflight.ts). */
export interface PreflightReport {
  cardAtr: string;
  cardAlgorithm: Algorithm;
  psamAtr: string | null;
  psamTerminal: string | null;
  psamAlgorithm: Algorithm | null;
  /** PIN tries left as VERIFY without data tells them. */
  pinTries: number;
  /** "DF01/01" style ids of the card keys the key source can serve, and those it cannot. */
  servedKeys: string[];
  unservedKeys: string[];
  /** Internal authentication compared card and key source (null: no key 05 or none to compare). */
  internalAuthentication: 'match' | null;
}
