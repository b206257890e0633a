/**
 * Writes the HTML report of a run against one defect double, to look at a report with
 * failing traces (docs/conformance.md "Reading the report"):
 *   npx tsx --conditions=@ssc-cos/source packages/conformance/test/doubles/defective-report.ts \
 *     "PIN counter not decremented" ssc-2g-des /tmp/r.html
 * Not a test: the doubles are test code, so the CLI cannot run them.
 */
import { writeFileSync } from 'node:fs';
import { htmlReport } from '../../src/report/html.js';
import { runAgainstDefect } from './defective-run.js';
import { DEFECTS } from './defects.js';

const [defectName, profile = 'ssc-2g-des', out = 'defective-report.html'] = process.argv.slice(2);
const defect = DEFECTS.find((d) => d.name === defectName);
if (defect === undefined) {
  process.stderr.write(`defective-report: name a defect: ${DEFECTS.map((d) => `"${d.name}"`).join(', ')}\n`);
  process.exit(2);
}
const report = await runAgainstDefect(defect, { profile, psam: 'psam-issuer', runs: 20, length: 15 });
writeFileSync(out, htmlReport(report));
process.stdout.write(
  `${out}: ${report.results.filter((r) => r.outcome === 'fail').length} failing case(s)\n`,
);
