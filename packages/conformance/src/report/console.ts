/** Console output: one progress line per case (stderr-friendly), then a summary. */
import { type CaseResult, counts, type RunReport } from './result.js';

const MARK: Record<CaseResult['outcome'], string> = {
  pass: 'ok  ',
  fail: 'FAIL',
  deviation: 'dev ',
  'n/a': 'n/a ',
  blocked: 'blk ',
};

export function progressLine(r: CaseResult, index: number, total: number): string {
  const reason = r.outcome === 'pass' ? '' : ` — ${r.reason ?? ''}`;
  return `[${String(index + 1).padStart(String(total).length)}/${total}] ${MARK[r.outcome]} ${r.id}${reason}`;
}

export function summary(report: RunReport): string {
  const c = counts(report.results);
  const lines = [
    `${report.target} (${report.profile}${report.seed === null ? '' : `, fast-check seed ${report.seed}`}${report.shard ? `, shard ${report.shard}` : ''}): ` +
      `${c.pass} passed, ${c.fail} failed, ${c.deviation} known deviations, ${c['n/a']} not applicable, ${c.blocked ? `${c.blocked} blocked, ` : ''}${report.results.length} cases`,
  ];
  for (const r of report.results)
    if (r.outcome === 'fail') lines.push(`  FAIL ${r.id} (${r.clause}): ${r.reason}`);
  const state = report.cardState;
  if (state) {
    if (state.differences.length === 0)
      lines.push(
        `card left as found: PIN tries ${state.after.pin}, ${Object.keys(state.after.files).length} files and ${Object.keys(state.after.lifecycle).length} DF states as before`,
      );
    else lines.push(`card NOT left as found:`, ...state.differences.map((d) => `  ${d}`));
  }
  return lines.join('\n');
}
