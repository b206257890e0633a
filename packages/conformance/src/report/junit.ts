/** JUnit XML for CI: one testsuite per run; n/a cases are <skipped> with their reason. */
import { toHex } from '@ssc-cos/apdu-codec';
import type { Exchange } from '../channel/trace.js';
import { type CaseResult, counts, type RunReport } from './result.js';

export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 forbids most control characters even escaped.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '?')
  );
}

export function traceText(trace: readonly Exchange[]): string {
  return trace
    .map((t) =>
      t.command === null
        ? `${t.device} reset → ${toHex(t.response)}`
        : `${t.device} ${toHex(t.command)} → ${toHex(t.response)}`,
    )
    .join('\n');
}

/** Both traces of a divergence in two columns, the diverging exchange marked "≠". */
export function sideBySideText(a: readonly Exchange[], b: readonly Exchange[]): string {
  const cell = (t: Exchange | undefined) =>
    t === undefined
      ? '(none)'
      : t.command === null
        ? `reset → ${toHex(t.response)}`
        : `${toHex(t.command)} → ${toHex(t.response)}`;
  const rows = Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [cell(a[i]), cell(b[i])]);
  const width = Math.max('target'.length, ...rows.map((r) => r[0]!.length));
  const line = (x: string, y: string, mark: string) => `${x.padEnd(width)} ${mark} ${y}`;
  return [
    line('target', 'simulator', ' '),
    ...rows.map(([x, y], i) => line(x!, y!, i === rows.length - 1 && x !== y ? '≠' : '|')),
  ].join('\n');
}

function failureBody(r: CaseResult, report: RunReport): string {
  const d = report.differential?.divergence;
  if (d && r.id === '08-conformance/differential')
    return `seed ${report.differential!.seed} reproduces it: ${report.differential!.reproduce}\nshrunk sequence: ${d.commands}\n${sideBySideText(d.targetTrace, d.referenceTrace)}`;
  return traceText(r.trace);
}

function testcase(r: CaseResult, report: RunReport): string {
  const classname = escapeXml(r.id.split('/')[0] ?? 'suite');
  const name = escapeXml(`${r.id} — ${r.clause}`);
  const time = (r.durationMs / 1000).toFixed(3);
  const open = `    <testcase classname="${classname}" name="${name}" time="${time}">`;
  switch (r.outcome) {
    case 'pass':
      return `    <testcase classname="${classname}" name="${name}" time="${time}"/>`;
    case 'n/a':
      return `${open}\n      <skipped message="${escapeXml(`not applicable: ${r.reason ?? ''}`)}"/>\n    </testcase>`;
    case 'blocked':
      return `${open}\n      <skipped message="${escapeXml(r.reason ?? 'blocked')}"/>\n    </testcase>`;
    case 'deviation':
      return `${open}\n      <skipped message="${escapeXml(`known deviation (ledger): ${r.reason ?? ''}`)}"/>\n    </testcase>`;
    case 'fail':
      return `${open}\n      <failure message="${escapeXml(r.reason ?? 'failed')}">${escapeXml(failureBody(r, report))}</failure>\n    </testcase>`;
  }
}

export function junitXml(report: RunReport): string {
  const c = counts(report.results);
  const name = escapeXml(`${report.target} ${report.profile}${report.shard ? ` shard ${report.shard}` : ''}`);
  const time = (report.results.reduce((t, r) => t + r.durationMs, 0) / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${report.results.length}" failures="${c.fail}" skipped="${c['n/a'] + c.deviation + c.blocked}" time="${time}">`,
    `  <testsuite name="${name}" tests="${report.results.length}" failures="${c.fail}" errors="0" skipped="${c['n/a'] + c.deviation + c.blocked}" time="${time}" timestamp="${report.startedAt}">`,
    ...report.results.map((r) => testcase(r, report)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
