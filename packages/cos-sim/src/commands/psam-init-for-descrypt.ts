/**
 * INIT FOR DESCRYPT (80 1A usage id Lc factors), 05-psam.md: working key := K, the master
 * key (usage, id) of the current DF diversified by the factors. Lc must be 8 × levels
 * (→ 6700, checked from P1 before the lookup, as step 5 precedes step 7); unknown key → 6A88.
 */
import { defineHandler } from '../engine/handler.js';
import { OK, SW_SUCCESS, SW_WRONG_LENGTH } from '../engine/status.js';
import { usageLevels } from '../image/psam-usage.js';
import type { PsamKey } from '../image/types.js';
import { cardKeyFromFactors, FACTOR_LENGTH, resolvePsamKey, workingKeyFrom } from './psam-key-table.js';

export const initForDescryptHandler = defineHandler<PsamKey>({
  name: 'INIT FOR DESCRYPT',
  ins: 0x1a,
  classes: [0x80],
  checkLengths: (cmd) => (cmd.data.length === FACTOR_LENGTH * usageLevels(cmd.p1) ? OK : SW_WRONG_LENGTH),
  resolve: resolvePsamKey,
  execute(cmd, entry, ctx) {
    ctx.session.workingKey = workingKeyFrom(entry, cardKeyFromFactors(entry, cmd.data), false);
    return SW_SUCCESS;
  },
});
