/**
 * 10-terminal-api cases of the catalogue, on the simulator: each built-in card profile (ssc-2g-des, ssc-3g-sm4, ssc-3g-des) with
 * each built-in PSAM and with none. Every case passes or is n/a for a stated reason, and the
 * PSAM decides which: the hospital's zones read, the issuer's too, no PSAM → only the no-PSAM
 * and PSAM-free cases run.
 */
import { describe, expect, test } from 'vitest';
import { terminalApiCases } from '../src/catalogue/terminal-api-cases.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { runSuite } from '../src/run/runner.js';
import { openTarget } from '../src/targets/open-target.js';

const PSAMS = [
  null,
  'psam-hospital',
  'psam-window',
  'psam-employment',
  'psam-pension',
  'psam-issuer',
] as const;

async function outcomes(profile: string, psam: string | null): Promise<Record<string, string>> {
  const opened = await openTarget({ kind: 'sim', profile, psam, seed: 5 });
  const report = await runSuite({
    target: opened.target,
    description: opened.description,
    keys: suiteKeysFor(opened.description),
    cases: terminalApiCases,
  });
  return Object.fromEntries(
    report.results.map((r) => [
      r.id.replace('10-terminal-api/', ''),
      r.outcome === 'fail' ? `fail: ${r.reason}` : r.outcome,
    ]),
  );
}

describe('10-terminal-api cases on the simulator', () => {
  for (const profile of ['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des']) {
    for (const psam of PSAMS) {
      test(`${profile} with ${psam ?? 'no PSAM'}: every case passes or is n/a`, async () => {
        const r = await outcomes(profile, psam);
        expect(Object.values(r).filter((o) => o.startsWith('fail'))).toEqual([]);
        for (const always of [
          'no-psam',
          'iReadCard/ssse',
          'iReadCard/wrong-card-info',
          'iVerifyPIN',
          'iVerifyPIN/locked',
        ])
          expect(r[always], always).toBe('pass');
        const withPsam = ['iReadCardBas', 'iReadCard/zones', 'iGetReaderInfo'];
        for (const id of withPsam) expect(r[id], id).toBe(psam === null ? 'n/a' : 'pass');
        if (psam === 'psam-hospital' || psam === 'psam-issuer') {
          expect(r.iWriteCard).toBe('pass');
          expect(r['hsm-equals-psam']).toBe('pass');
        }
      });
    }
  }
});
