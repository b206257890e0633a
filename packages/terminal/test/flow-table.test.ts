/** The shared flow table (05-psam.md, 03-security.md lifecycle) in process: both card profiles, T=0 and T=1. */
import { describe, expect, test } from 'vitest';
import { FLOW_TABLE, runFlows } from '../src/index.js';
import { CARD_PROFILES, inProcessTarget } from './in-process-target.js';

describe.each(CARD_PROFILES.flatMap((profile) => (['T0', 'T1'] as const).map((t) => [profile, t] as const)))(
  'flow table on %s under %s',
  (profile, transport) => {
    test.each(FLOW_TABLE.map((flow) => [flow.name, flow] as const))('%s', async (_name, flow) => {
      const [result] = await runFlows(inProcessTarget(profile, transport), [flow]);
      expect(result?.detail ?? null).toBeNull();
      expect(result?.passed).toBe(true);
    });
  },
);
