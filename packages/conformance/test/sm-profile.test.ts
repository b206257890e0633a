/**
 * 03-security §Access rules `+SM`: a profile whose DF01 EF05 reads only under line protection.
 * The suite must check it (plain read → 6987, MACed read → data ‖ MAC) and keep every other
 * case and the model right for such a card.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { buildCatalogue } from '../src/catalogue/index.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { runSuite } from '../src/run/runner.js';
import { openTarget } from '../src/targets/open-target.js';

test('03-security §Access rules (+SM): a +SM record file is checked and every case still holds', async () => {
  const builtin = fileURLToPath(new URL('../../../vectors/profiles/ssc-2g-des.json', import.meta.url));
  const json = JSON.parse(readFileSync(builtin, 'utf8'));
  json.name = 'ssc-2g-des-sm';
  json.files.DF01.EF05.read = 'PIN|KEY 01 +SM';
  const file = join(mkdtempSync(join(tmpdir(), 'conformance-sm-')), 'ssc-2g-des-sm.json');
  writeFileSync(file, JSON.stringify(json));
  const opened = await openTarget({ kind: 'sim', profile: file, seed: 4 });
  const report = await runSuite({
    target: opened.target,
    description: opened.description,
    keys: suiteKeysFor(opened.description),
    cases: buildCatalogue(opened.description, { runs: 100, length: 20, seed: 4 }),
  });
  expect(report.results.filter((r) => r.outcome === 'fail').map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
  expect(report.results.find((r) => r.id === '04-crypto/sm/protected-read')?.outcome).toBe('pass');
});
