/**
 * Merges JUnit files of shards into one: every <testsuite> is kept as it is and the
 * <testsuites> totals are summed.
 */
export class JunitMergeError extends Error {
  override readonly name = 'JunitMergeError';
}

const SUITE = /<testsuite\b[^>]*?(?:\/>|>[\s\S]*?<\/testsuite>)/g;

function attr(tag: string, name: string): number {
  const m = new RegExp(`\\b${name}="([0-9.]+)"`).exec(tag);
  return m ? Number(m[1]) : 0;
}

export function mergeJunit(files: ReadonlyArray<{ name: string; xml: string }>): string {
  const suites: string[] = [];
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  for (const f of files) {
    const found = f.xml.match(SUITE);
    if (!found) throw new JunitMergeError(`${f.name}: no <testsuite> element`);
    for (const suite of found) {
      const head = suite.slice(0, suite.indexOf('>') + 1);
      total.tests += attr(head, 'tests');
      total.failures += attr(head, 'failures');
      total.errors += attr(head, 'errors');
      total.skipped += attr(head, 'skipped');
      total.time += attr(head, 'time');
      suites.push(`  ${suite}`);
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="${total.time.toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
