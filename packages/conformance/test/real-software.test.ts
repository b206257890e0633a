/**
 * Golden vectors of what public terminal software sends to real cards (issue 10 item 7;
 * vectors/golden/real-software/<profile>/, each citing its source in its notes), replayed on
 * every built-in card profile.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { replayAll } from '../src/vectors/replay-set.js';
import { readVectorFile } from '../src/vectors/vector-file.js';
import { vectorPaths } from '../src/vectors/vector-set.js';

const DIR = fileURLToPath(new URL('../../../vectors/golden/real-software/', import.meta.url));
const PROFILES = ['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des'];

describe('real-software golden vectors', () => {
  test('every profile has the same real-software sequences, each citing its source', () => {
    const names = PROFILES.map((p) =>
      vectorPaths([`${DIR}${p}`])
        .map((f) => readVectorFile(f).name.split('/').pop())
        .sort(),
    );
    expect(names[0]!.length).toBeGreaterThanOrEqual(3);
    for (const n of names) expect(n).toEqual(names[0]);
    for (const f of vectorPaths([DIR])) {
      const v = readVectorFile(f);
      expect(v.kind).toBe('golden');
      expect(v.notes?.[0]).toMatch(/^source: /);
    }
  });

  test.each(PROFILES)(
    '08-conformance §Vectors: the real-software vectors of %s replay without difference',
    async (p) => {
      const vectors = vectorPaths([`${DIR}${p}`]).map(readVectorFile);
      const results = await replayAll(vectors, {});
      expect(
        results.filter((r) => r.difference !== null).map((r) => `${r.name}: ${JSON.stringify(r.difference)}`),
      ).toEqual([]);
    },
  );
});
