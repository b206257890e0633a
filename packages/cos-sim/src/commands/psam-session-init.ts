/**
 * SESSION INIT (BF DE usage id Lc factors ‖ R), 05-psam.md: working key := SK = DIV(K, R)
 * (04-crypto.md), K derived as in INIT FOR DESCRYPT. Lc must be 8 × levels + the length of
 * R, and R is one of the challenge lengths a card gives (4, 8 or 16 bytes) → else 6700.
 *
 * [decision] Sessions are for the keys a terminal authenticates with — type 0 (master) and 8
 * (MAC+encryption) — other types → 6985. Types 3 and 7 encrypt under the card key itself
 * (psam-cipher-data.ts), and E(K, R) is half of DIV(K, R): a key with both uses would let a
 * terminal assemble its session key.
 */
import { sessionKey } from '@ssc-cos/apdu-codec/crypto';
import { defineHandler } from '../engine/handler.js';
import { OK, SW_CONDITIONS_NOT_SATISFIED, SW_SUCCESS, SW_WRONG_LENGTH } from '../engine/status.js';
import { usageKeyType, usageLevels } from '../image/psam-usage.js';
import type { PsamKey } from '../image/types.js';
import {
  cardKeyFromFactors,
  FACTOR_LENGTH,
  PSAM_KEY_TYPE,
  resolvePsamKey,
  workingKeyFrom,
} from './psam-key-table.js';

/** [decision] R may be any challenge length of 02-commands.md GET CHALLENGE: 4, 8 or 16. */
function challengeLengthValid(length: number): boolean {
  return length === 4 || length === 8 || length === 16;
}

export const sessionInitHandler = defineHandler<PsamKey>({
  name: 'SESSION INIT',
  ins: 0xde,
  classes: [0xbf],
  checkLengths(cmd) {
    const factors = FACTOR_LENGTH * usageLevels(cmd.p1);
    return challengeLengthValid(cmd.data.length - factors) ? OK : SW_WRONG_LENGTH;
  },
  resolve: resolvePsamKey,
  access(_cmd, entry) {
    const type = usageKeyType(entry.usage);
    return type === PSAM_KEY_TYPE.master || type === PSAM_KEY_TYPE.macEncryption
      ? OK
      : SW_CONDITIONS_NOT_SATISFIED;
  },
  execute(cmd, entry, ctx) {
    const factorLength = FACTOR_LENGTH * usageLevels(entry.usage);
    const cardKey = cardKeyFromFactors(entry, cmd.data.subarray(0, factorLength));
    const value = sessionKey(entry.algorithm, cardKey, cmd.data.subarray(factorLength));
    ctx.session.workingKey = workingKeyFrom(entry, value, true);
    return SW_SUCCESS;
  },
});
