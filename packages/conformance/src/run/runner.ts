/**
 * Runs the catalogue against a target: each applicable case on a restored target with its own
 * trace; n/a cases are reported with their reason; the ledger turns known failures into
 * deviations. Never throws for a case: any error becomes that case's failure.
 */

import { type ConformanceCase, notApplicableReason } from '../catalogue/case.js';
import { CaseFailure, NotApplicable } from '../catalogue/case-errors.js';
import { Kit } from '../catalogue/kit.js';
import { Channel } from '../channel/channel.js';
import { TraceLog } from '../channel/trace.js';
import type { CardDescription } from '../description/card-description.js';
import type { SuiteKeys } from '../keys/suite-keys.js';
import { isMissingPsamKey } from '../keys/suite-keys.js';
import { CoverageTracker } from '../report/coverage.js';
import type { Ledger } from '../report/ledger.js';
import type { CaseResult, RunReport } from '../report/result.js';
import type { Target } from '../targets/target.js';
import { inShard, type Shard } from './shard.js';

export interface SuiteOptions {
  target: Target;
  description: CardDescription;
  /** The key source of a case: from its PSAM channel when there is one, else master keys. */
  keys: (psam: Channel | null) => SuiteKeys;
  cases: readonly ConformanceCase[];
  ledger?: Ledger;
  shard?: Shard | null;
  seed?: number | null;
  /** Only cases whose id contains one of these. */
  only?: readonly string[];
  onResult?: (result: CaseResult, index: number, total: number) => void;
  /** A case that has not finished by then fails ("no answer": a hung card or reader). */
  caseTimeoutMs?: number;
}

const DEFAULT_CASE_TIMEOUT_MS = 300_000;

class CaseTimeout extends Error {
  override readonly name = 'CaseTimeout';
}

/** 08-conformance §robustness: a hang is a failure of that case, reported, not a stuck run. */
async function withTimeout<T>(work: Promise<T>, ms: number, id: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CaseTimeout(`${id}: no answer within ${ms / 1000} s (hang)`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runSuite(opts: SuiteOptions): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const coverage = new CoverageTracker(opts.description);
  const selected = opts.cases.filter(
    (c) =>
      inShard(c.id, opts.shard ?? null) &&
      (opts.only === undefined || opts.only.length === 0 || opts.only.some((o) => c.id.includes(o))),
  );
  const results: CaseResult[] = [];
  for (const [i, c] of selected.entries()) {
    const result = await runCase(c, opts, coverage);
    results.push(result);
    opts.onResult?.(result, i, selected.length);
  }
  const shard = opts.shard ? `${opts.shard.index}/${opts.shard.count}` : null;
  return {
    target: opts.target.name,
    profile: opts.description.profile,
    seed: opts.seed ?? null,
    shard,
    startedAt,
    results,
    coverage: coverage.table,
  };
}

async function runCase(
  c: ConformanceCase,
  opts: SuiteOptions,
  coverage: CoverageTracker,
): Promise<CaseResult> {
  const base = { id: c.id, clause: c.clause, title: c.title, tags: c.tags };
  const na = notApplicableReason(c, opts.target.capabilities, opts.target);
  if (na !== null) return { ...base, outcome: 'n/a', reason: na, trace: [], durationMs: 0 };
  const started = performance.now();
  const log = new TraceLog();
  log.observe(coverage.observe);
  const psam = opts.target.psam ? new Channel('psam', opts.target.psam, log) : null;
  const kit = new Kit({
    card: new Channel('card', opts.target.card, log),
    psam,
    description: opts.description,
    keys: opts.keys(psam),
    target: opts.target,
    observe: coverage.observe,
  });
  let outcome: CaseResult['outcome'] = 'pass';
  let reason: string | null = null;
  try {
    await opts.target.restore();
    await withTimeout(c.run(kit), opts.caseTimeoutMs ?? DEFAULT_CASE_TIMEOUT_MS, c.id);
  } catch (e) {
    if (e instanceof NotApplicable) {
      outcome = 'n/a';
      reason = e.message;
    } else if (isMissingPsamKey(e)) {
      // 06-keys: an institution's PSAM holds the keys of its own zones only.
      outcome = 'n/a';
      reason = `the PSAM does not hold a key the case needs (${e.message})`;
    } else {
      outcome = 'fail';
      reason =
        e instanceof CaseFailure
          ? e.message
          : `${e instanceof Error ? e.name : 'error'}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  if (!opts.target.capabilities.freshCard) {
    for (const undo of kit.cleanups.reverse()) {
      try {
        await undo();
      } catch (e) {
        if (outcome !== 'fail') {
          outcome = 'fail';
          reason = `could not restore the card after the case: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
    }
  }
  const known = opts.ledger?.get(c.id);
  if (known !== undefined) {
    if (outcome === 'fail') {
      reason = `${known} (observed: ${reason})`;
      outcome = 'deviation';
    } else if (outcome === 'pass') {
      outcome = 'fail';
      reason = `stale ledger entry: the case passes now ("${known}")`;
    }
  }
  return {
    ...base,
    outcome,
    reason,
    trace: kit.attachedTrace ?? log.entries,
    durationMs: performance.now() - started,
  };
}
