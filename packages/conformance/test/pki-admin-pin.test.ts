/**
 * The 11-pki cases take the admin PIN (digits and tries) from the card description, not from
 * 11-pki.md's test value: a profile whose PKI ADF has another admin PIN passes them all, with
 * the pin-states model counting its own tries.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_PROFILE_DIR } from '@ssc-cos/cos-sim/internal';
import { afterAll, expect, test } from 'vitest';
import { buildCatalogue } from '../src/catalogue/index.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { runSuite } from '../src/run/runner.js';
import { openTarget } from '../src/targets/open-target.js';

const dir = mkdtempSync(join(tmpdir(), 'ssc-admin-pin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ssc-3g-sm4 with the PKI ADF's admin PIN (its key 01) set to other digits and tries. */
function profileWithAdminPin(value: string, tries: number): string {
  const text = readFileSync(`${BUILTIN_PROFILE_DIR}ssc-3g-sm4.json`, 'utf8');
  const from = '"pin": {\n              "value": "12345678",\n              "tries": 5\n            }';
  expect(text.includes(from)).toBe(true);
  const file = join(dir, `admin-${value}-${tries}.json`);
  writeFileSync(file, text.replace(from, JSON.stringify({ pin: { value, tries } }).slice(1, -1)));
  return file;
}

test('11-pki: a PKI ADF whose admin PIN is 24681357 with 3 tries passes every 11-pki case', {
  timeout: 120_000,
}, async () => {
  const opened = await openTarget({ kind: 'sim', profile: profileWithAdminPin('24681357', 3), seed: 7 });
  const cases = buildCatalogue(opened.description, { runs: 10, length: 12, seed: 42 });
  const report = await runSuite({
    target: opened.target,
    description: opened.description,
    keys: suiteKeysFor(opened.description),
    cases,
    only: cases.map((c) => c.id).filter((id) => id.startsWith('11-pki/')),
  });
  expect(report.results.length).toBeGreaterThanOrEqual(6);
  expect(
    report.results.filter((r) => r.outcome !== 'pass').map((r) => `${r.id}: ${r.outcome} ${r.reason}`),
  ).toEqual([]);
});
