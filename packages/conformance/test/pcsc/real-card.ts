/**
 * Helpers of the "against a real card" tests through pcscd (pcsc.test.ts): one served card
 * with a state file, the runs against it, and the witness — the state file read back after
 * the server stopped, compared with a freshly issued image. Not a test file: pcsc.test.ts is
 * the one file that talks to pcscd.
 */

import type { Transport } from '@ssc-cos/apdu-codec';
import { buildImage, type CardImage, diffImages, loadProfile, loadStateFile } from '@ssc-cos/cos-sim';
import { buildCatalogue } from '../../src/catalogue/index.js';
import { suiteKeysFor } from '../../src/keys/suite-keys.js';
import type { RunReport } from '../../src/report/result.js';
import { runSuite } from '../../src/run/runner.js';
import { openTarget } from '../../src/targets/open-target.js';

export const CARD_READER = 'Virtual PCD 00 00';
export const PSAM_READER = 'Virtual PCD 00 01';

/** Image differences a terminal could see (a never-written EF given zeros back reads the same). */
export function observableDifferences(before: CardImage, after: CardImage): string[] {
  return diffImages(before, after)
    .filter((d) => !(d.before === 'null' && /^(00)*$/.test(d.after)))
    .map((d) => `${d.path}: ${d.before.slice(0, 40)} → ${d.after.slice(0, 40)}`);
}

function stateImage(statePath: string): CardImage {
  const image = loadStateFile(statePath);
  if (image === undefined) throw new Error(`no state file ${statePath}`);
  return image;
}

/** The served card's state file against the card as issued from its profile. */
export function changedSinceIssue(profile: string, statePath: string): string[] {
  return observableDifferences(buildImage(loadProfile(profile)), stateImage(statePath));
}

/** Retry counters of the state file that are not at their maximum ("3f00/df01/external-auth/1 6/8"). */
export function spentCounters(statePath: string): string[] {
  const out: string[] = [];
  const walk = (df: CardImage['mf'], path: string): void => {
    for (const k of df.keys)
      if (k.triesLeft !== k.maxTries) out.push(`${path}/${k.type}/${k.id} ${k.triesLeft}/${k.maxTries}`);
    for (const c of df.children) if (c.type === 'df') walk(c, `${path}/${c.fid.toString(16)}`);
  };
  walk(stateImage(statePath).mf, '3f00');
  return out;
}

/** One run of the catalogue through pcscd, as `conformance run --target pcsc` does it. */
export async function pcscRun(
  profile: string,
  seed: number,
  opts: { runs: number; length: number; wrap?: (t: Transport) => Transport },
): Promise<RunReport> {
  const opened = await openTarget({
    kind: 'pcsc',
    profile,
    reader: CARD_READER,
    psamReader: PSAM_READER,
    ...(opts.wrap ? { wrap: opts.wrap } : {}),
  });
  try {
    return await runSuite({
      target: opened.target,
      description: opened.description,
      keys: suiteKeysFor(opened.description),
      cases: buildCatalogue(opened.description, { runs: opts.runs, length: opts.length, seed }),
      seed,
    });
  } finally {
    await opened.target.close();
  }
}

/** "first..last" from SSC_CAMPAIGN (the long campaign), else the CI default. */
export function campaignSeeds(fallback: [number, number]): number[] {
  const m = /^(\d+)\.\.(\d+)$/.exec(process.env.SSC_CAMPAIGN ?? '');
  const [first, last] = m ? [Number(m[1]), Number(m[2])] : fallback;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
