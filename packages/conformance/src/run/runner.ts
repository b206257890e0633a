/**
 * Runs the catalogue against a target (08-conformance §Against a real card): pre-flight first,
 * then on a card that cannot be replaced its observable state is read; each applicable case
 * runs on a restored target with its own trace and a deadline; after each case the card's
 * vital state (PIN counter, SSSE lifecycle) is checked and repaired where the suite can, and a
 * case that left it damaged is failed, every later case reported "blocked by" it; at the end
 * the state is read again and compared. n/a cases are reported with their reason; the ledger
 * turns known failures into deviations. Never throws for a case: any error becomes that case's
 * failure.
 */

import { Channel } from '../channel/channel.js';
import { type Exchange, TraceLog } from '../channel/trace.js';
import type { CardDescription } from '../description/card-description.js';
import type { SuiteKeys } from '../keys/suite-keys.js';
import { isMissingPsamKey } from '../keys/suite-keys.js';
import { type ConformanceCase, notApplicableReason } from '../kit/case.js';
import { CaseFailure, NotApplicable } from '../kit/case-errors.js';
import { Kit } from '../kit/kit.js';
import { CoverageTracker } from '../report/coverage.js';
import type { Ledger } from '../report/ledger.js';
import { reachableCells } from '../report/reachable.js';
import type { CaseResult, RunReport } from '../report/result.js';
import { type CardState, readCardState, stateDifferences } from '../state/card-state.js';
import type { Target } from '../targets/target.js';
import { CaseTimeout, withDeadline } from './deadline.js';
import { type PreflightResult, preflight } from './preflight.js';
import { inShard, type Shard } from './shard.js';
import { checkVitals, type Damage } from './vitals.js';

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
  /** Run irreversible cases on a card that cannot be replaced (`--irreversible`). */
  irreversible?: boolean;
  /** Tool version and settings shown in the report header. */
  tool?: string;
  settings?: Record<string, string>;
  /** Every exchange of every case as it happens (`run --trace`, the live trace file). */
  onExchange?: (entry: Exchange, caseId: string) => void;
  /** Pre-flight already done by the caller (the CLI does it before opening reports). */
  preflight?: PreflightResult;
}

const DEFAULT_CASE_TIMEOUT_MS = 300_000;

export class NothingSelected extends Error {
  override readonly name = 'NothingSelected';
}

/** The cases a run takes; a filter or ledger entry that names no case is an error, never a silent pass. */
export function selectCases(
  opts: Pick<SuiteOptions, 'cases' | 'shard' | 'only' | 'ledger'>,
): ConformanceCase[] {
  const only = opts.only ?? [];
  const selected = opts.cases.filter(
    (c) => inShard(c.id, opts.shard ?? null) && (only.length === 0 || only.some((o) => c.id.includes(o))),
  );
  const unknown = [...(opts.ledger?.keys() ?? [])].filter((id) => !opts.cases.some((c) => c.id === id));
  if (unknown.length > 0)
    throw new NothingSelected(
      `the ledger names unknown case id ${unknown.join(', ')} (see conformance list)`,
    );
  if (only.length > 0) {
    const unmatched = only.filter((o) => !opts.cases.some((c) => c.id.includes(o)));
    if (unmatched.length > 0) throw new NothingSelected(`--only ${unmatched.join(',')} matches no case id`);
  }
  return selected;
}

export async function runSuite(opts: SuiteOptions): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const selected = selectCases(opts);
  const flight = opts.preflight ?? (await preflight(opts.target, opts.description, opts.keys));
  const keys = (psam: Channel | null) => opts.keys(psam).limitedTo(flight.served);
  const coverage = new CoverageTracker(opts.description);
  const persistent = !opts.target.capabilities.freshCard;
  const stateReader = () => {
    const log = new TraceLog(false);
    const psam = opts.target.psam ? new Channel('psam', opts.target.psam, log) : null;
    return readCardState(new Channel('card', opts.target.card, log), keys(psam), opts.description);
  };
  const before: CardState | null = persistent ? await stateReader() : null;
  const results: CaseResult[] = [];
  let damage: Damage | null = null;
  for (const [i, c] of selected.entries()) {
    let result: CaseResult;
    if (
      damage !== null &&
      notApplicableReason(c, opts.target.capabilities, opts.target, opts.irreversible) === null
    ) {
      result = {
        id: c.id,
        clause: c.clause,
        title: c.title,
        tags: c.tags,
        outcome: 'blocked',
        reason: `blocked by ${damage.by} (${damage.what})`,
        trace: [],
        durationMs: 0,
      };
    } else {
      result = await runCase(c, opts, keys, coverage);
      if (persistent && result.outcome !== 'n/a') {
        const vitals = await checkVitals(opts.target, opts.description, keys);
        if (vitals !== null) {
          damage = { by: c.id, what: vitals };
          if (result.outcome !== 'fail') {
            result.outcome = 'fail';
            result.reason = `left the card damaged: ${vitals}`;
          }
        }
      }
    }
    results.push(result);
    opts.onResult?.(result, i, selected.length);
  }
  const after: CardState | null = persistent ? await stateReader() : null;
  const shard = opts.shard ? `${opts.shard.index}/${opts.shard.count}` : null;
  return {
    target: opts.target.name,
    profile: opts.description.profile,
    seed: opts.seed ?? null,
    shard,
    startedAt,
    durationMs: performance.now() - started,
    preflight: flight.report,
    ...(opts.tool ? { tool: opts.tool } : {}),
    ...(opts.settings ? { settings: opts.settings } : {}),
    reachable: reachableCells(opts.description),
    irreversible: opts.irreversible === true,
    only: opts.only && opts.only.length > 0 ? [...opts.only] : null,
    cardState:
      before === null || after === null
        ? null
        : { before, after, differences: stateDifferences(before, after) },
    results,
    coverage: coverage.table,
  };
}

async function runCase(
  c: ConformanceCase,
  opts: SuiteOptions,
  keys: (psam: Channel | null) => SuiteKeys,
  coverage: CoverageTracker,
): Promise<CaseResult> {
  const base = { id: c.id, clause: c.clause, title: c.title, tags: c.tags };
  const na = notApplicableReason(c, opts.target.capabilities, opts.target, opts.irreversible);
  if (na !== null) return { ...base, outcome: 'n/a', reason: na, trace: [], durationMs: 0 };
  const started = performance.now();
  const ms = opts.caseTimeoutMs ?? DEFAULT_CASE_TIMEOUT_MS;
  const deadline = started + ms;
  // The case sees the target through transports that refuse to send after the deadline: an
  // in-process card answers in microtasks, so a looping case would never let a timer fire.
  const target = withDeadline(opts.target, deadline, c.id, ms);
  const log = new TraceLog();
  const live = opts.onExchange;
  const observe = live
    ? (e: Exchange) => {
        coverage.observe(e);
        live(e, c.id);
      }
    : coverage.observe;
  log.observe(observe);
  const psam = target.psam ? new Channel('psam', target.psam, log) : null;
  const kit = new Kit({
    card: new Channel('card', target.card, log),
    psam,
    description: opts.description,
    keys: keys(psam),
    target,
    observe,
    irreversible: opts.irreversible === true,
  });
  let outcome: CaseResult['outcome'] = 'pass';
  let reason: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  try {
    await opts.target.restore();
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CaseTimeout(c.id, ms)), ms);
    });
    await Promise.race([c.run(kit), hang]);
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
        e instanceof CaseFailure || e instanceof CaseTimeout
          ? e.message
          : `${e instanceof Error ? e.name : 'error'}: ${e instanceof Error ? e.message : String(e)}`;
    }
  } finally {
    clearTimeout(timer);
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
