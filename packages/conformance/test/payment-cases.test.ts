/**
 * The 12-payment cases run (not skipped) and pass on the simulator, with each PSAM the
 * purchase may meet: psam-hospital (holds the purchase key) and none. (psam-pension cannot
 * activate DF04, so with it every case is n/a; its 9403 is checked in cos-sim and terminal tests.)
 */
import { describe, expect, test } from 'vitest';
import { paymentCases } from '../src/catalogue/payment-cases.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { runSuite } from '../src/run/runner.js';
import { openTarget } from '../src/targets/open-target.js';

async function outcomes(profile: string, psam: string | null): Promise<string[]> {
  const opened = await openTarget({ kind: 'sim', profile, seed: 7, psam });
  const report = await runSuite({
    target: opened.target,
    description: opened.description,
    keys: suiteKeysFor(opened.description),
    cases: paymentCases,
  });
  return report.results.map((r) => `${r.id}: ${r.outcome}${r.reason ? ` ${r.reason}` : ''}`);
}

describe('12-payment conformance cases', () => {
  for (const profile of ['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des']) {
    for (const psam of ['psam-hospital', null]) {
      test(`12-payment: every case passes on ${profile} with ${psam ?? 'no PSAM'}`, async () => {
        const got = await outcomes(profile, psam);
        const expected = paymentCases.map((c) =>
          c.id === '12-payment/psam-without-key' && psam === null ? `${c.id}: n/a` : `${c.id}: pass`,
        );
        expect(got.map((g) => g.replace(/^(\S+: \S+).*$/, '$1'))).toEqual(expected);
      });
    }
  }
});
