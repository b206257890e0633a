/**
 * A suite run against one defect double on the simulator (seed 1): what the report tests and
 * the defective-report script both look at. The defect wraps a sim target of `profile`, and
 * sees the plain profile's description.
 */
import { buildCatalogue } from '../../src/catalogue/index.js';
import { suiteKeysFor } from '../../src/keys/suite-keys.js';
import type { RunReport } from '../../src/report/result.js';
import { runSuite } from '../../src/run/runner.js';
import { openTarget } from '../../src/targets/open-target.js';
import type { Defect } from './defects.js';

export interface DefectiveRunOptions {
  profile: string;
  psam?: string;
  /** Property runs and length of the catalogue. */
  runs: number;
  length: number;
  /** Case ids to run (all when absent). */
  only?: string[];
}

export async function runAgainstDefect(defect: Defect, o: DefectiveRunOptions): Promise<RunReport> {
  const plain = await openTarget({ kind: 'sim', profile: o.profile });
  const opened = await openTarget({
    kind: 'sim',
    profile: o.profile,
    ...(o.psam === undefined ? {} : { psam: o.psam }),
    seed: 1,
    wrap: (t) => defect.wrap(t, plain.description),
  });
  return runSuite({
    target: opened.target,
    description: opened.description,
    keys: suiteKeysFor(opened.description),
    cases: buildCatalogue(opened.description, { runs: o.runs, length: o.length, seed: 1 }),
    ...(o.only === undefined ? {} : { only: o.only }),
    seed: 1,
  });
}
