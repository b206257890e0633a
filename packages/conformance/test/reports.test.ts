/** 08-conformance §Reports: JUnit output and merging, sharding, the deviation ledger. */
import { test as fcTest } from '@fast-check/vitest';
import { describeSw, formatCommand } from '@ssc-cos/apdu-codec';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { htmlReport } from '../src/report/html.js';
import { escapeXml, junitXml } from '../src/report/junit.js';
import { LedgerError, parseLedger } from '../src/report/ledger.js';
import { mergeJunit } from '../src/report/merge-junit.js';
import type { CaseResult, RunReport } from '../src/report/result.js';
import { inShard, parseShard, ShardError } from '../src/run/shard.js';

function result(id: string, outcome: CaseResult['outcome'], reason: string | null = null): CaseResult {
  return {
    id,
    clause: '02-commands §Order of checks 2',
    title: 't',
    tags: [],
    outcome,
    reason,
    trace:
      outcome === 'fail'
        ? [{ device: 'card', command: Uint8Array.of(0xa0, 0xa4, 0, 0), response: Uint8Array.of(0x90, 0x00) }]
        : [],
    durationMs: 1,
  };
}

const report: RunReport = {
  target: 'sim:x',
  profile: 'ssc-2g-des',
  seed: 1,
  shard: null,
  startedAt: '2026-01-01T00:00:00.000Z',
  results: [
    result('a/pass', 'pass'),
    result('a/fail', 'fail', 'expected 6E00, got 9000 <&>'),
    result('a/na', 'n/a', 'needs a PSAM'),
  ],
  coverage: {
    'SELECT|9000|DF': 2,
    'READ RECORD|6A82|absent': 1,
    'GET CHALLENGE|9000|-': 3,
    'UNKNOWN 00 02|6D00|-': 1,
    'UNKNOWN 10 C4|6D00|-': 2,
  },
};

describe('JUnit', () => {
  test('08-conformance §Reports: failures carry the trace, n/a cases are skipped with their reason', () => {
    const xml = junitXml(report);
    expect(xml).toContain('tests="3" failures="1"');
    expect(xml).toContain(
      '<failure message="expected 6E00, got 9000 &lt;&amp;&gt;">card A0A40000 → 9000</failure>',
    );
    expect(xml).toContain('<skipped message="not applicable: needs a PSAM"/>');
  });

  test('08-conformance §Reports: merge-junit keeps every suite and sums the totals', () => {
    const a = junitXml(report);
    const b = junitXml({ ...report, shard: '2/2', results: [result('b/pass', 'pass')] });
    const merged = mergeJunit([
      { name: 'a.xml', xml: a },
      { name: 'b.xml', xml: b },
    ]);
    expect(merged.match(/<testsuite /g)?.length).toBe(2);
    expect(merged).toMatch(/<testsuites tests="4" failures="1" errors="0" skipped="1"/);
    expect(() => mergeJunit([{ name: 'x.xml', xml: '<foo/>' }])).toThrow(/x\.xml/);
  });
});

describe('HTML', () => {
  test('08-conformance §Reports: per-clause results, decoded failure trace and coverage in one page', () => {
    const html = htmlReport(report);
    expect(html).toContain('<h3>02-commands</h3>');
    // The failure's trace: the APDU, its decoding by the codec, and the status word's meaning.
    expect(html).toContain('<code>A0A40000</code>');
    expect(html).toContain(escapeXml(formatCommand(Uint8Array.of(0xa0, 0xa4, 0, 0))));
    expect(html).toContain(escapeXml(`9000 ${describeSw(0x9000).en}`));
    // Coverage: every cell names its file types and counts (short label, full wording on hover).
    expect(html).toContain('<td title="READ RECORD → 6A82: absent×1">∅×1</td>');
    expect(html).toContain('<td title="SELECT → 9000: DF×2">DF×2</td>');
    expect(html).toContain('<td title="GET CHALLENGE → 9000: no file named ×3">3</td>');
    // Undefined instructions from random APDUs share one row, their counts summed.
    const coverage = html.slice(html.indexOf('<h2>Coverage'));
    expect(coverage).not.toContain('UNKNOWN');
    expect(coverage).toMatch(
      /<td>other \(undefined INS or no header\)<\/td>(<td><\/td>)*<td title="[^"]*">3<\/td>/,
    );
    expect(html).not.toMatch(/<script|src="http/);
  });

  test('08-conformance §Reports: the failures come before the per-clause list, each linked from its row', () => {
    const html = htmlReport(report);
    expect(html.indexOf('<h2>Failures and deviations')).toBeLessThan(html.indexOf('<h2>Results per clause'));
    expect(html).toContain('<td class="fail"><a href="#trace-a_fail">fail</a></td>');
    expect(html).toContain('<details id="trace-a_fail">');
    // Passing and n/a rows have no trace to link to.
    expect(html).toContain('<td class="pass">pass</td>');
    expect(html).toContain('<td class="na">n/a</td>');
  });
});

describe('shards', () => {
  test('08-conformance §Reports: --shard i/n is validated', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('0/4')).toThrow(ShardError);
    expect(() => parseShard('5/4')).toThrow(ShardError);
    expect(() => parseShard('two')).toThrow(ShardError);
  });

  fcTest.prop([fc.array(fc.string(), { maxLength: 50 }), fc.integer({ min: 1, max: 8 })])(
    '08-conformance §Reports: every case is in exactly one shard',
    (ids, n) => {
      for (const id of ids) {
        const owners = Array.from({ length: n }, (_, i) => inShard(id, { index: i + 1, count: n })).filter(
          Boolean,
        );
        expect(owners.length).toBe(1);
      }
    },
  );
});

describe('deviation ledger', () => {
  test('08-conformance §Reports: one reason per line, comments ignored', () => {
    const l = parseLedger(
      '# card X\n02-commands/order/cla  answers 6D00 first (vendor COS 1.2)\n\n',
      'x.txt',
    );
    expect([...l.entries()]).toEqual([['02-commands/order/cla', 'answers 6D00 first (vendor COS 1.2)']]);
  });

  test('08-conformance §Reports: a line without a reason or a duplicate is an error', () => {
    expect(() => parseLedger('02-commands/order/cla\n', 'x.txt')).toThrow(LedgerError);
    expect(() => parseLedger('a r\na s\n', 'x.txt')).toThrow(/listed twice/);
  });
});
