/**
 * Golden vectors (vectors/golden/<profile>/<flow>.json): every terminal flow of 05-psam.md
 * and the lifecycle of 03-security.md, for both built-in profiles, replayed on a seeded
 * simulator must reproduce every byte.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { describeProfile } from '../src/description/from-profile.js';
import { loadCardProfile } from '../src/targets/open-target.js';
import { FLOWS } from '../src/vectors/flows.js';
import { replayAll } from '../src/vectors/replay-set.js';
import { readVectorFile } from '../src/vectors/vector-file.js';
import { vectorPaths } from '../src/vectors/vector-set.js';
import { DEFECTS } from './doubles/defects.js';

const GOLDEN = fileURLToPath(new URL('../../../vectors/golden/', import.meta.url));
const PROFILES = ['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des'];

describe('golden vectors', () => {
  for (const profile of PROFILES) {
    test(`05-psam, 03-security §Lifecycle: every flow has a golden vector for ${profile}`, () => {
      const names = vectorPaths([`${GOLDEN}${profile}`]).map((p) => readVectorFile(p).name);
      expect(names.sort()).toEqual(FLOWS.map((f) => `${profile}/${f.name}`).sort());
    });

    test(`08-conformance §Vectors: the golden vectors of ${profile} replay without difference`, async () => {
      const vectors = vectorPaths([`${GOLDEN}${profile}`]).map(readVectorFile);
      const results = await replayAll(vectors, {});
      expect(
        results.filter((r) => r.difference !== null).map((r) => `${r.name}: ${JSON.stringify(r.difference)}`),
      ).toEqual([]);
      expect(results.reduce((n, r) => n + r.apdus, 0)).toBeGreaterThan(100);
    });
  }

  test('08-conformance §Vectors: replay reports the first difference (APPLICATION BLOCK ignored)', async () => {
    const defect = DEFECTS.find((d) => d.name === 'APPLICATION BLOCK ignored')!;
    const description = describeProfile(loadCardProfile('ssc-2g-des'));
    const vector = readVectorFile(`${GOLDEN}ssc-2g-des/temporary-loss-and-cancel.json`);
    const [result] = await replayAll([vector], { wrap: (t) => defect.wrap(t, description) });
    expect(result?.difference).not.toBeNull();
    // The first step after the ignored block: READ RECORD must answer 6A81 (03-security §Lifecycle).
    expect(result?.difference?.expected).toBe('6A81');
    expect(result?.difference?.actual.endsWith('9000')).toBe(true);
  });
});
