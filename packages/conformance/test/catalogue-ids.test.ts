/**
 * Case ids key the ledger, the JUnit/HTML reports and `--case`: every built-in card profile's
 * catalogue names each case once (ssc-3g has a zone DF01 and the PKI ADF DDF1/DF01). The catalogue
 * is built from the card description alone (buildCatalogue), so the PSAM does not change it.
 */
import { builtinProfileNames, loadProfile } from '@ssc-cos/cos-sim';
import { describe, expect, test } from 'vitest';
import { buildCatalogue } from '../src/catalogue/index.js';
import { describeProfile } from '../src/description/from-profile.js';

const cardProfiles = builtinProfileNames().filter((name) => loadProfile(name).kind === 'card');

describe('catalogue case ids', () => {
  test('there are card profiles to check', () => {
    expect(cardProfiles).toContain('ssc-3g-sm4');
  });

  test.each(cardProfiles)('%s: every case id is unique', (name) => {
    const ids = buildCatalogue(describeProfile(loadProfile(name)), { runs: 1, length: 1, seed: 0 }).map(
      (c) => c.id,
    );
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(twice).toEqual([]);
  });
});
