/**
 * 80 C4 01 03 (11-pki.md): SM3 of the PIN's BCD bytes, computed by the card for the host that
 * derives the ciphered-VERIFY key from it. `C1 len PIN`; answers 32 bytes. A pure computation
 * (docs/pki.md): it checks no PIN and spends no try, since it reveals nothing the host did not
 * send; accepted with the PKI DDF or ADF current (6985 elsewhere).
 */
import { sm3 } from '@ssc-cos/apdu-codec/crypto';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import {
  OK,
  SW_CONDITIONS_NOT_SATISFIED,
  SW_WRONG_DATA,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
} from '../engine/status.js';
import { PIN_MAX_BYTES, PIN_MIN_BYTES, pinValid } from '../security/pin-format.js';
import { inPkiApplication } from './pki-application.js';

const PIN_TAG = 0xc1;

export const pinDigestHandler = defineHandler<undefined>({
  name: 'SM3 OF PIN',
  ins: 0xc4,
  classes: [0x80],
  checkParams: (cmd) => (cmd.p1 === 0x01 && cmd.p2 === 0x03 ? OK : SW_WRONG_P1P2),
  checkLengths(cmd) {
    const n = cmd.data.length;
    if (n < 2 + PIN_MIN_BYTES || n > 2 + PIN_MAX_BYTES) return SW_WRONG_LENGTH;
    return cmd.ne === null || cmd.ne === 256 || cmd.ne === 32 ? OK : SW_WRONG_LENGTH;
  },
  resolve: (_cmd, ctx) => (inPkiApplication(ctx) ? undefined : SW_CONDITIONS_NOT_SATISFIED),
  checkData(cmd) {
    const d = cmd.data;
    return d[0] === PIN_TAG && d[1] === d.length - 2 && pinValid(d.subarray(2)) ? OK : SW_WRONG_DATA;
  },
  execute: (cmd) => respond(sm3(cmd.data.subarray(2))),
});
