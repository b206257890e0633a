/**
 * EXTERNAL AUTHENTICATE (00 82 00 kid) and INTERNAL AUTHENTICATE (00 88 00 kid), 04-crypto.md.
 *
 * External, two forms told apart by Lc: session form `C ‖ X` (2 blocks, C = E(DIV(K, R), X))
 * and direct form `E(K, R ‖ 00…)` (1 block). A try is spent and committed before the
 * comparison; success restores it, adds kid to the DF's authenticated keys and raises the
 * state register to the key's follow-up state.
 */
import {
  directCryptogram,
  equalBytes,
  internalAuthentication,
  sessionCryptogram,
} from '@ssc-cos/apdu-codec/crypto';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import {
  OK,
  SW_AUTH_OBJECT_BLOCKED,
  SW_KEY_NOT_FOUND,
  SW_NO_CHALLENGE,
  SW_SUCCESS,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
  swTriesLeft,
} from '../engine/status.js';
import { raiseRegister, restoreTries, spendTry } from '../security/counters.js';
import { type KeyRef, keyBlocked, keyIn, keyInChain } from '../security/keys.js';

/** Bytes of randomness EXTERNAL AUTHENTICATE needs (a 3g card pads 8 bytes to its block). */
export const MIN_AUTH_CHALLENGE = 8;

export const externalAuthenticateHandler = defineHandler<KeyRef>({
  name: 'EXTERNAL AUTHENTICATE',
  ins: 0x82,
  classes: [0x00],
  checkParams: (cmd) => (cmd.p1 === 0 ? OK : SW_WRONG_P1P2),
  checkLengths(cmd, ctx) {
    const n = cmd.data.length;
    return (n === ctx.blockSize || n === 2 * ctx.blockSize) && cmd.ne === null ? OK : SW_WRONG_LENGTH;
  },
  resolve(cmd, ctx) {
    // KEY k names a key of the current DF (03-security.md), so only the current DF is searched.
    const key = keyIn(ctx.session.currentDf, cmd.p2, 'external-auth');
    return key ? { key, depth: ctx.session.dfPath.length - 1 } : SW_KEY_NOT_FOUND;
  },
  access: (_cmd, ref) => (keyBlocked(ref.key) ? SW_AUTH_OBJECT_BLOCKED : OK),
  // 03-security.md §v2: a cryptogram is only as fresh as its challenge; 4 random bytes repeat
  // after ~2^16 free GET CHALLENGEs (a replay), so only 8 or more count here.
  checkMac: (_cmd, _ref, ctx) => {
    const challenge = ctx.session.commandChallenge;
    return challenge === null || challenge.length < MIN_AUTH_CHALLENGE ? SW_NO_CHALLENGE : OK;
  },
  execute(cmd, ref, ctx) {
    const left = spendTry(ctx, ref);
    const alg = ctx.image.algorithm;
    const bs = ctx.blockSize;
    const challenge = ctx.session.commandChallenge!;
    const right =
      cmd.data.length === 2 * bs
        ? equalBytes(
            sessionCryptogram(alg, ref.key.value, challenge, cmd.data.subarray(bs)),
            cmd.data.subarray(0, bs),
          )
        : equalBytes(directCryptogram(alg, ref.key.value, challenge), cmd.data);
    if (!right) return swTriesLeft(left);
    restoreTries(ctx, ref);
    ctx.session.authKeys.add(ref.key.id);
    raiseRegister(ctx, ref);
    return SW_SUCCESS;
  },
});

export const internalAuthenticateHandler = defineHandler<KeyRef>({
  name: 'INTERNAL AUTHENTICATE',
  ins: 0x88,
  classes: [0x00],
  checkParams: (cmd) => (cmd.p1 === 0 ? OK : SW_WRONG_P1P2),
  checkLengths: (cmd, ctx) => (cmd.data.length === ctx.blockSize ? OK : SW_WRONG_LENGTH),
  // The card's internal-auth key is the SSSE's (04-crypto.md); found from any DF below it.
  resolve: (cmd, ctx) => keyInChain(ctx.session.dfPath, cmd.p2, 'internal-auth') ?? SW_KEY_NOT_FOUND,
  execute(cmd, ref, ctx) {
    return respond(internalAuthentication(ctx.image.algorithm, ref.key.value, cmd.data));
  },
});
