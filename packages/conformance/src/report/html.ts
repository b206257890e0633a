/**
 * The self-contained HTML report: per-clause results, each failure's APDU trace decoded
 * (command names, status word meanings), and the commands × status words × file types
 * coverage. No scripts, no external resources: one file to attach to a ticket.
 */
import { formatCommand, toHex } from '@ssc-cos/apdu-codec';
import { hex4, statusWord } from '../bytes.js';
import type { TraceEntry } from '../channel/trace.js';
import { swMeaning } from './apdu-names.js';
import { escapeXml as esc } from './junit.js';
import { type CaseResult, counts, type RunReport } from './result.js';

const STYLE = `body{font:14px system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
th{background:#f2f2f2;text-align:left}.pass{color:#0a6b0a}.fail{color:#b00;font-weight:bold}.na{color:#777}.dev{color:#a60}
code{font:12px ui-monospace,monospace;word-break:break-all}details{margin:.3em 0 1em}h2{margin-top:1.5em}`;

function outcomeCell(r: CaseResult): string {
  const cls = { pass: 'pass', fail: 'fail', deviation: 'dev', 'n/a': 'na' }[r.outcome];
  return `<td class="${cls}">${esc(r.outcome)}</td>`;
}

function traceTable(trace: readonly TraceEntry[]): string {
  const rows = trace.map((t) => {
    if (t.command === null)
      return `<tr><td>${t.device}</td><td>RESET</td><td></td><td><code>${toHex(t.response)}</code></td><td>ATR</td></tr>`;
    const sw = statusWord(t.response);
    const status = t.response.length < 2 ? 'no status word (no answer)' : `${hex4(sw)} ${swMeaning(sw)}`;
    return `<tr><td>${t.device}</td><td>${esc(formatCommand(t.command))}</td><td><code>${toHex(t.command)}</code></td><td><code>${toHex(t.response)}</code></td><td>${esc(status)}</td></tr>`;
  });
  return `<table><tr><th>to</th><th>command</th><th>APDU</th><th>response</th><th>status</th></tr>${rows.join('')}</table>`;
}

function clauseFile(clause: string): string {
  return clause.split(/[ §;]/)[0] ?? clause;
}

function coverageTable(report: RunReport): string {
  const byCommand = new Map<string, Map<string, string[]>>();
  const sws = new Set<string>();
  for (const [key, n] of Object.entries(report.coverage)) {
    const [command, sw, fileType] = key.split('|') as [string, string, string];
    sws.add(sw);
    const row = byCommand.get(command) ?? new Map<string, string[]>();
    const cell = row.get(sw) ?? [];
    cell.push(`${fileType}×${n}`);
    row.set(sw, cell);
    byCommand.set(command, row);
  }
  const columns = [...sws].sort();
  const head = `<tr><th>command</th>${columns.map((s) => `<th>${esc(s)}</th>`).join('')}</tr>`;
  const rows = [...byCommand.keys()].sort().map((command) => {
    const row = byCommand.get(command)!;
    return `<tr><td>${esc(command)}</td>${columns.map((s) => `<td>${esc((row.get(s) ?? []).join(' '))}</td>`).join('')}</tr>`;
  });
  return `<table>${head}${rows.join('')}</table>`;
}

export function htmlReport(report: RunReport): string {
  const c = counts(report.results);
  const groups = new Map<string, CaseResult[]>();
  for (const r of report.results) {
    const g = clauseFile(r.clause);
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  const sections = [...groups.keys()].sort().map((g) => {
    const rows = groups
      .get(g)!
      .map(
        (r) =>
          `<tr>${outcomeCell(r)}<td>${esc(r.clause)}</td><td><code>${esc(r.id)}</code><br>${esc(r.title)}</td><td>${esc(r.reason ?? '')}</td></tr>`,
      );
    return `<h3>${esc(g)}</h3><table><tr><th>result</th><th>clause</th><th>case</th><th>detail</th></tr>${rows.join('')}</table>`;
  });
  const failures = report.results
    .filter((r) => r.outcome === 'fail' || r.outcome === 'deviation')
    .map(
      (r) =>
        `<details open><summary><b>${esc(r.id)}</b> — ${esc(r.reason ?? '')}</summary>${traceTable(r.trace)}</details>`,
    );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ssc-cos conformance — ${esc(report.target)}</title><style>${STYLE}</style></head>
<body>
<h1>ssc-cos conformance report</h1>
<p>Target <b>${esc(report.target)}</b>, profile <b>${esc(report.profile)}</b>${report.seed === null ? '' : `, fast-check seed ${report.seed}`}${report.shard ? `, shard ${esc(report.shard)}` : ''}, started ${esc(report.startedAt)}.</p>
<p><span class="pass">${c.pass} passed</span>, <span class="fail">${c.fail} failed</span>, <span class="dev">${c.deviation} known deviations</span>, <span class="na">${c['n/a']} not applicable</span> of ${report.results.length} cases.</p>
<h2>Results per clause</h2>
${sections.join('\n')}
<h2>Failures and deviations (APDU traces)</h2>
${failures.length > 0 ? failures.join('\n') : '<p>None.</p>'}
<h2>Coverage: commands × status words × file types</h2>
${coverageTable(report)}
</body></html>
`;
}
