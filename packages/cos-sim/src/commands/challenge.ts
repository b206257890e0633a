/**
 * GET CHALLENGE (00 84 00 00 Le): Le 04/08 (2g) or 04/08/10 (3g), from the profile's
 * `challengeLengths`; in the PKI ADF also 10 whatever the profile says (docs/pki.md: its
 * ciphered VERIFY and admin PIN change take a whole SM4 block, on a 3DES card too). The
 * challenge serves the next command only (02-commands.md).
 */
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import { OK, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../engine/status.js';
import { isPkiAdf, PKI_CHALLENGE_LENGTH } from './pki-application.js';

export const getChallengeHandler = defineHandler<undefined>({
  name: 'GET CHALLENGE',
  ins: 0x84,
  classes: [0x00],
  allowedWhenBlocked: true,
  checkParams: (cmd) => (cmd.p1 === 0 && cmd.p2 === 0 ? OK : SW_WRONG_P1P2),
  checkLengths(cmd, ctx) {
    if (cmd.data.length !== 0 || cmd.ne === null) return SW_WRONG_LENGTH;
    if (ctx.image.options.challengeLengths.includes(cmd.ne)) return OK;
    return cmd.ne === PKI_CHALLENGE_LENGTH && isPkiAdf(ctx.session.currentDf) ? OK : SW_WRONG_LENGTH;
  },
  execute(cmd, _target, ctx) {
    const challenge = ctx.random(cmd.ne!);
    ctx.session.challenge = challenge;
    return respond(challenge);
  },
});
