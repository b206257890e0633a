/**
 * 80 2A (docs/pki.md, ISO 7816-8 PERFORM SECURITY OPERATION's P1P2):
 * - `80 2A 9E 9A 20 ‖ e` signs e = SM3(Z ‖ M) (computed by the host, default ID) with the
 *   signing private key, k from the card's random source → r ‖ s (64 bytes, raw). User PIN.
 * - `80 2A 00 A8 60 ‖ e ‖ r ‖ s` verifies under the signing public key (0012) → 9000 or 6988.
 *   Free: verifying is public.
 * No signing pair yet → 6A88.
 */
import { SM2_SIGNATURE_LENGTH, sm2SignDigest, sm2VerifyDigest } from '@ssc-cos/apdu-codec/crypto';
import type { Command } from '../engine/handler.js';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import {
  OK,
  SW_KEY_NOT_FOUND,
  SW_SM_WRONG,
  SW_SUCCESS,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
} from '../engine/status.js';
import {
  type KeyPairFiles,
  pkiAdf,
  signingPair,
  storedPrivateKey,
  storedPublicKey,
  USER_PIN_RULE,
} from './pki-application.js';

const DIGEST_LENGTH = 32;
const isSign = (cmd: Command): boolean => cmd.p1 === 0x9e && cmd.p2 === 0x9a;
const isVerify = (cmd: Command): boolean => cmd.p1 === 0x00 && cmd.p2 === 0xa8;

export const signatureHandler = defineHandler<KeyPairFiles>({
  name: 'PSO SIGN/VERIFY',
  ins: 0x2a,
  classes: [0x80],
  checkParams: (cmd) => (isSign(cmd) || isVerify(cmd) ? OK : SW_WRONG_P1P2),
  checkLengths(cmd) {
    if (isVerify(cmd))
      return cmd.data.length === DIGEST_LENGTH + SM2_SIGNATURE_LENGTH && cmd.ne === null
        ? OK
        : SW_WRONG_LENGTH;
    if (cmd.data.length !== DIGEST_LENGTH) return SW_WRONG_LENGTH;
    return cmd.ne === null || cmd.ne === 256 || cmd.ne === SM2_SIGNATURE_LENGTH ? OK : SW_WRONG_LENGTH;
  },
  resolve(cmd, ctx) {
    const adf = pkiAdf(ctx);
    if (typeof adf === 'number') return adf;
    const pair = signingPair(adf);
    if (typeof pair === 'number') return pair;
    const present = isSign(cmd) ? storedPrivateKey(pair.privateEf) : storedPublicKey(pair.publicEf);
    return present === null ? SW_KEY_NOT_FOUND : pair;
  },
  access: (cmd) => (isSign(cmd) ? USER_PIN_RULE : OK),
  execute(cmd, pair, ctx) {
    const e = cmd.data.subarray(0, DIGEST_LENGTH);
    if (isSign(cmd))
      return respond(sm2SignDigest(storedPrivateKey(pair.privateEf)!, e, (n) => ctx.random(n)));
    const valid = sm2VerifyDigest(storedPublicKey(pair.publicEf)!, e, cmd.data.subarray(DIGEST_LENGTH));
    return valid ? SW_SUCCESS : SW_SM_WRONG;
  },
});
