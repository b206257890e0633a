/**
 * 80 4A 02 10 12 `C1 10 ‖ key` (11-pki.md): loads the SM4 key the encryption private key is
 * written under (80 C2 C0 01). Admin PIN; the key lives in the session and is forgotten on
 * reset, DF selection and a failed admin PIN (docs/pki.md).
 */
import { defineHandler } from '../engine/handler.js';
import { OK, SW_SUCCESS, SW_WRONG_DATA, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../engine/status.js';
import { ownedBytes } from '../image/owned-bytes.js';
import { adminRule, type PkiAdf, pkiAdf } from './pki-application.js';

const KEY_TAG = 0xc1;
const KEY_LENGTH = 16;

export const loadSessionKeyHandler = defineHandler<PkiAdf>({
  name: 'LOAD SM4 KEY',
  ins: 0x4a,
  classes: [0x80],
  checkParams: (cmd) => (cmd.p1 === 0x02 && cmd.p2 === 0x10 ? OK : SW_WRONG_P1P2),
  checkLengths: (cmd) => (cmd.data.length === 2 + KEY_LENGTH && cmd.ne === null ? OK : SW_WRONG_LENGTH),
  resolve: (_cmd, ctx) => pkiAdf(ctx),
  access: (_cmd, adf) => adminRule(adf),
  checkData: (cmd) => (cmd.data[0] === KEY_TAG && cmd.data[1] === KEY_LENGTH ? OK : SW_WRONG_DATA),
  execute(cmd, _adf, ctx) {
    ctx.session.pkiSessionKey = ownedBytes(cmd.data.subarray(2));
    return SW_SUCCESS;
  },
});
