/**
 * Writes the HTML report of a run against one defect double, to look at a report with
 * failing traces (docs/conformance.md "Reading the report"):
 *   npx tsx --conditions=@ssc-cos/source packages/conformance/test/doubles/defective-report.ts \
 *     "PIN counter not decremented" ssc-2g-des /tmp/r.html
 * Not a test: the doubles are test code, so the CLI cannot run them.
 */
import { writeFileSync } from 'node:fs';
import { buildCatalogue } from '../../src/catalogue/index.js';
import { suiteKeysFor } from '../../src/keys/suite-keys.js';
import { htmlReport } from '../../src/report/html.js';
import { runSuite } from '../../src/run/runner.js';
import { openTarget } from '../../src/targets/open-target.js';
import { DEFECTS } from './defects.js';

const [defectName, profile = 'ssc-2g-des', out = 'defective-report.html'] = process.argv.slice(2);
const defect = DEFECTS.find((d) => d.name === defectName);
if (defect === undefined) {
  process.stderr.write(`defective-report: name a defect: ${DEFECTS.map((d) => `"${d.name}"`).join(', ')}\n`);
  process.exit(2);
}
const plain = await openTarget({ kind: 'sim', profile });
const opened = await openTarget({
  kind: 'sim',
  profile,
  psam: 'psam-issuer',
  seed: 1,
  wrap: (t) => defect.wrap(t, plain.description),
});
const report = await runSuite({
  target: opened.target,
  description: opened.description,
  keys: suiteKeysFor(opened.description),
  cases: buildCatalogue(opened.description, { runs: 20, length: 15, seed: 1 }),
  seed: 1,
});
writeFileSync(out, htmlReport(report));
process.stdout.write(
  `${out}: ${report.results.filter((r) => r.outcome === 'fail').length} failing case(s)\n`,
);
