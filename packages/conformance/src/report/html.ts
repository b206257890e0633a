/**
 * The self-contained HTML report: per-clause results, each failure's APDU trace decoded
 * (command names, status word meanings), and the commands × status words × file types
 * coverage. No scripts, no external resources: one file to attach to a ticket.
 */
import { describeSw, formatCommand, toHex } from '@ssc-cos/apdu-codec';
import { hexWord, statusWord } from '../bytes.js';
import { swMeaning } from '../channel/apdu-names.js';
import type { Exchange } from '../channel/trace.js';
import { escapeXml as esc } from './junit.js';
import { type CaseResult, counts, type RunReport } from './result.js';

// CJK fonts by name: the profile's data (社会保障, 挂失) must not fall back to empty boxes.
const STYLE = `body{font:14px system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei","PingFang SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
th{background:#f2f2f2;text-align:left}.pass{color:#0a6b0a}.fail{color:#b00;font-weight:bold}.na{color:#777}.dev{color:#a60}
code{font:12px ui-monospace,monospace;word-break:break-all}details{margin:.3em 0 1em}h2{margin-top:1.5em}
table.results{width:100%;table-layout:fixed}table.results col.outcome{width:5em}table.results col.clause{width:30%}
table.results col.case{width:38%}table.trace{width:100%;table-layout:fixed}table.trace col.to{width:3.5em}table.trace col.command{width:30%}
table.trace col.apdu,table.trace col.response{width:22%}
.coverage{overflow-x:auto}table.coverage{font-size:12px}table.coverage td{white-space:nowrap}table.coverage td:first-child{white-space:normal;min-width:9em}
table.coverage td:first-child{font-weight:600}.fail a,.dev a{color:inherit}
tr.failing-step td{background:#ffe0e0;font-weight:bold}td.expected{background:#e6f4e6}td.actual{background:#ffe0e0}
table.header th{width:16em}`;

/** Anchor of a case's trace in the failures section. */
function traceAnchor(r: CaseResult): string {
  return `trace-${r.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function hasTrace(r: CaseResult): boolean {
  return r.outcome === 'fail' || r.outcome === 'deviation';
}

function outcomeCell(r: CaseResult): string {
  const cls = { pass: 'pass', fail: 'fail', deviation: 'dev', 'n/a': 'na', blocked: 'na' }[r.outcome];
  const text = hasTrace(r) ? `<a href="#${traceAnchor(r)}">${esc(r.outcome)}</a>` : esc(r.outcome);
  return `<td class="${cls}">${text}</td>`;
}

/** The step where the card differed: the last card exchange of a failing trace. */
function failingStep(trace: readonly Exchange[]): number {
  for (let i = trace.length - 1; i >= 0; i--)
    if (trace[i]!.device === 'card' && trace[i]!.command !== null) return i;
  return -1;
}

/** "expected X, got Y" (cases) or "SW Y, expected X" (the model), from a failure reason. */
export function expectedActual(reason: string): { expected: string; actual: string } | null {
  const kit = /expected (.+?), got ([^\s;]+)/.exec(reason);
  if (kit) return { expected: kit[1]!, actual: kit[2]! };
  const model = /: ((?:SW|data) [0-9A-F]+[^,]*), expected ([^—;]+?)(?:\s+—|;|$)/.exec(reason);
  if (model) return { expected: model[2]!, actual: model[1]! };
  return null;
}

function traceTable(trace: readonly Exchange[], highlight = -1): string {
  const rows = trace.map((t, i) => {
    const mark = i === highlight ? ' class="failing-step"' : '';
    if (t.command === null)
      return `<tr${mark}><td>${t.device}</td><td>RESET</td><td></td><td><code>${toHex(t.response)}</code></td><td>ATR</td></tr>`;
    const sw = statusWord(t.response);
    const status =
      t.response.length < 2
        ? 'no status word (no answer)'
        : `${hexWord(sw)} ${swMeaning(sw)} · ${describeSw(sw).zh}`;
    return `<tr${mark}><td>${t.device}</td><td>${esc(formatCommand(t.command))}</td><td><code>${toHex(t.command)}</code></td><td><code>${toHex(t.response)}</code></td><td>${esc(status)}</td></tr>`;
  });
  return `<table class="trace"><colgroup><col class="to"><col class="command"><col class="apdu"><col class="response"><col></colgroup><tr><th>to</th><th>command</th><th>APDU</th><th>response</th><th>status</th></tr>${rows.join('')}</table>`;
}

/** A divergence: the target's and the simulator's exchanges in two columns, the first difference marked. */
function sideBySide(report: RunReport): string {
  const diff = report.differential;
  if (!diff) return '';
  const d = diff.divergence;
  const intro = `<p>${diff.runs} generated sequences, fast-check seed <code class="seed">${diff.seed}</code>; the same seed runs them again: <code class="reproduce">${esc(diff.reproduce)}</code></p>`;
  if (d === null)
    return `<h2>Differential: target against the simulator</h2>${intro}<p>The target and the simulator answered every exchange alike (challenge data masked).</p>`;
  const cell = (t: Exchange | undefined) => {
    if (t === undefined) return '<td></td><td><i>(none)</i></td>';
    if (t.command === null) return `<td>RESET</td><td><code>${toHex(t.response)}</code></td>`;
    const sw = statusWord(t.response);
    const meaning =
      t.response.length < 2 ? 'no answer' : `${hexWord(sw)} ${swMeaning(sw)} · ${describeSw(sw).zh}`;
    return `<td>${esc(formatCommand(t.command))}<br><code>${toHex(t.command)}</code></td><td><code>${toHex(t.response)}</code><br>${esc(meaning)}</td>`;
  };
  const n = Math.max(d.targetTrace.length, d.referenceTrace.length);
  const rows = Array.from({ length: n }, (_, i) => {
    const mark = i === d.step ? ' class="failing-step"' : '';
    return `<tr${mark}><td>${i + 1}</td>${cell(d.targetTrace[i])}${cell(d.referenceTrace[i])}</tr>`;
  });
  return `<h2>Differential: first divergence, both traces side by side</h2>${intro}
<p>Exchange ${d.step + 1} (<code>${esc(d.command)}</code>): target <code class="actual">${esc(d.target)}</code>, simulator <code class="expected">${esc(d.reference)}</code>. Shrunk sequence: <code>${esc(d.commands)}</code></p>
<table class="side-by-side trace"><tr><th>#</th><th colspan="2">target</th><th colspan="2">simulator (the profile's reference)</th></tr><tr><th></th><th>command</th><th>response</th><th>command</th><th>response</th></tr>${rows.join('')}</table>`;
}

function clauseFile(clause: string): string {
  return clause.split(/[ §;]/)[0] ?? clause;
}

/**
 * Random and mutated APDUs reach dozens of undefined instructions: one row for all of them
 * keeps the table about the card's commands.
 */
const OTHER_COMMANDS = 'other (undefined INS or no header)';

function coverageRowName(command: string): string {
  return command.startsWith('UNKNOWN') || command === '?' ? OTHER_COMMANDS : command;
}

/** Short labels keep 24+ status-word columns on one screen; the legend under the table spells them out. */
const FILE_TYPE_LABEL: Record<string, string> = {
  DF: 'DF',
  transparent: 'T',
  variable: 'V',
  fixed: 'F',
  cyclic: 'C',
  absent: '∅',
};

/** "V×14"; a command that named no file ("-") is a bare count. */
function coverageEntry(fileType: string, n: number): string {
  return fileType === '-' ? `${n}` : `${FILE_TYPE_LABEL[fileType] ?? fileType}×${n}`;
}

/** The cell's full wording, shown on hover: "READ BINARY → 6982: transparent×24". */
function coverageTitle(command: string, sw: string, cell: Map<string, number>): string {
  const parts = [...cell].map(([t, n]) => (t === '-' ? `no file named ×${n}` : `${t}×${n}`));
  return `${command} → ${sw}: ${parts.join(', ')}`;
}

function coverageTable(report: RunReport): string {
  // row → status word → file type → count
  const rows = new Map<string, Map<string, Map<string, number>>>();
  const sws = new Set<string>();
  for (const [key, n] of Object.entries(report.coverage)) {
    const [command, sw, fileType] = key.split('|') as [string, string, string];
    sws.add(sw);
    const name = coverageRowName(command);
    const row = rows.get(name) ?? new Map<string, Map<string, number>>();
    const cell = row.get(sw) ?? new Map<string, number>();
    cell.set(fileType, (cell.get(fileType) ?? 0) + n);
    row.set(sw, cell);
    rows.set(name, row);
  }
  const columns = [...sws].sort();
  const head = `<tr><th>command</th>${columns.map((s) => `<th>${esc(s)}</th>`).join('')}</tr>`;
  const names = [...rows.keys()].filter((n) => n !== OTHER_COMMANDS).sort();
  if (rows.has(OTHER_COMMANDS)) names.push(OTHER_COMMANDS);
  const body = names.map((name) => {
    const row = rows.get(name)!;
    const cells = columns.map((s) => {
      const cell = row.get(s);
      if (cell === undefined) return '<td></td>';
      const entries = [...cell].map(([t, n]) => esc(coverageEntry(t, n)));
      return `<td title="${esc(coverageTitle(name, s, cell))}">${entries.join('<br>')}</td>`;
    });
    return `<tr><td>${esc(name)}</td>${cells.join('')}</tr>`;
  });
  return `<div class="coverage"><table class="coverage">${head}${body.join('')}</table></div>
<p>Each cell lists the files the command addressed, by type, with counts: <b>DF</b>; <b>T</b> transparent,
<b>V</b> variable-record, <b>F</b> fixed-record, <b>C</b> cyclic EF; <b>∅</b> absent file; a bare number counts
commands that named no file (the current one, or none). Hover a cell for its full wording.</p>`;
}

function failureDetail(r: CaseResult): string {
  const pair = expectedActual(r.reason ?? '');
  const rows = [
    pair
      ? `<tr><th>expected</th><td class="expected"><code>${esc(pair.expected)}</code></td><th>actual</th><td class="actual"><code>${esc(pair.actual)}</code></td></tr>`
      : '',
    r.vectorPath
      ? `<tr><th>shrunk failure vector</th><td colspan="3"><code class="vector">${esc(r.vectorPath)}</code> (replay: <code>pnpm conformance replay ${esc(r.vectorPath)}</code>)</td></tr>`
      : '',
  ].join('');
  return rows ? `<table class="detail">${rows}</table>` : '';
}

/** The run's identity, as a vendor sends it to a customer. */
function header(report: RunReport): string {
  const f = report.preflight;
  const rows: Array<[string, string]> = [
    ['tool', report.tool ?? 'ssc-cos conformance'],
    ['target', report.target],
    ['profile', report.profile],
    ['card ATR', f?.cardAtr ?? ''],
    ['PSAM ATR', f?.psamAtr ?? 'no PSAM'],
    ...(f?.psamTerminal ? [['PSAM terminal number', f.psamTerminal] as [string, string]] : []),
    [
      'keys the key source serves',
      f
        ? `${f.servedKeys.length} (${f.unservedKeys.length} not served: ${f.unservedKeys.join(' ') || '—'})`
        : '',
    ],
    ...Object.entries(report.settings ?? {}),
    ...(report.seed !== null && !report.settings?.seed
      ? [['seed', String(report.seed)] as [string, string]]
      : []),
    [
      'filters',
      [report.only ? `--only ${report.only.join(',')}` : '', report.shard ? `--shard ${report.shard}` : '']
        .filter(Boolean)
        .join(' ') || 'none',
    ],
    ['irreversible cases', report.irreversible ? 'run (--irreversible)' : 'not run'],
    ['started', report.startedAt],
    ['duration', report.durationMs === undefined ? '' : `${(report.durationMs / 1000).toFixed(1)} s`],
    ['card state', cardStateLine(report)],
  ];
  return `<table class="header">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

function cardStateLine(report: RunReport): string {
  const s = report.cardState;
  if (!s) return 'fresh card for every case (simulator)';
  if (s.differences.length === 0) return 'card left as found';
  return `card NOT left as found: ${s.differences.join('; ')}`;
}

/** Reachable cells the run did not reach, per command. */
function coverageGaps(report: RunReport): string {
  const reached = new Set(Object.keys(report.coverage).map((k) => k.split('|').slice(0, 2).join('|')));
  const gaps = new Map<string, string[]>();
  for (const cell of report.reachable ?? []) {
    if (reached.has(cell)) continue;
    const [command, sw] = cell.split('|') as [string, string];
    gaps.set(command, [...(gaps.get(command) ?? []), sw]);
  }
  if (gaps.size === 0) return '<p class="gaps">Every cell the profile makes reachable was reached.</p>';
  const rows = [...gaps].map(
    ([c, sws]) => `<tr><td>${esc(c)}</td><td>${sws.map((w) => `<code>${esc(w)}</code>`).join(' ')}</td></tr>`,
  );
  return `<table class="gaps"><tr><th>command</th><th>status words reachable on this profile but not reached</th></tr>${rows.join('')}</table>`;
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
    return `<h3>${esc(g)}</h3><table class="results"><colgroup><col class="outcome"><col class="clause"><col class="case"><col></colgroup><tr><th>result</th><th>clause</th><th>case</th><th>detail</th></tr>${rows.join('')}</table>`;
  });
  const failures = report.results
    .filter(hasTrace)
    .map(
      (r) =>
        `<details id="${traceAnchor(r)}"><summary><span class="${r.outcome === 'fail' ? 'fail' : 'dev'}">${esc(r.outcome)}</span> <b>${esc(r.id)}</b> (${esc(r.clause)}) — ${esc(r.reason ?? '')}</summary>${failureDetail(r)}${traceTable(r.trace, failingStep(r.trace))}</details>`,
    );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ssc-cos conformance — ${esc(report.target)}</title><style>${STYLE}</style></head>
<body>
<h1>ssc-cos conformance report</h1>
<p>Target <b>${esc(report.target)}</b>, profile <b>${esc(report.profile)}</b>${report.seed === null ? '' : `, fast-check seed ${report.seed}`}${report.shard ? `, shard ${esc(report.shard)}` : ''}, started ${esc(report.startedAt)}.</p>
<p><span class="pass">${c.pass} passed</span>, <span class="fail">${c.fail} failed</span>, <span class="dev">${c.deviation} known deviations</span>, <span class="na">${c['n/a']} not applicable</span> of ${report.results.length} cases.</p>
${header(report)}
${sideBySide(report)}
<h2>Failures and deviations (APDU traces)</h2>
${failures.length > 0 ? failures.join('\n') : '<p>None.</p>'}
<h2>Results per clause</h2>
${sections.join('\n')}
<h2>Coverage: commands × status words × file types</h2>
${coverageTable(report)}
<h2>Coverage gaps: reachable but not reached</h2>
${coverageGaps(report)}
</body></html>
`;
}
