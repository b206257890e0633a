/**
 * 80 40 00 00 08 `C0 02 <pub> C2 02 <priv>` (11-pki.md): the card makes an SM2 key pair, d from
 * its own random source (seeded runs make the same pair), writes `CA 40 ‖ X ‖ Y` to the
 * public-key EF and d to the private-key EF, and answers nothing. Needs the cardholder's PIN;
 * an existing pair is replaced, certificates are left as they are (docs/pki.md).
 */
import { generateSm2KeyPair } from '@ssc-cos/apdu-codec/crypto';
import { defineHandler } from '../engine/handler.js';
import { OK, SW_SUCCESS, SW_WRONG_DATA, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../engine/status.js';
import {
  type KeyPairFiles,
  keyPairFiles,
  parseKeyPairFids,
  pkiAdf,
  publicKeyRecord,
  USER_PIN_RULE,
  writeKeyEf,
} from './pki-application.js';

export const generateKeyPairHandler = defineHandler<KeyPairFiles>({
  name: 'GENERATE KEY PAIR',
  ins: 0x40,
  classes: [0x80],
  checkParams: (cmd) => (cmd.p1 === 0 && cmd.p2 === 0 ? OK : SW_WRONG_P1P2),
  checkLengths: (cmd) => (cmd.data.length === 8 && cmd.ne === null ? OK : SW_WRONG_LENGTH),
  resolve(cmd, ctx) {
    const adf = pkiAdf(ctx);
    if (typeof adf === 'number') return adf;
    const fids = parseKeyPairFids(cmd.data);
    return fids === null ? SW_WRONG_DATA : keyPairFiles(adf, fids[0], fids[1]);
  },
  access: () => USER_PIN_RULE,
  execute(_cmd, pair, ctx) {
    const { privateKey, publicKey } = generateSm2KeyPair((n) => ctx.random(n));
    writeKeyEf(ctx, pair.adf, pair.publicEf, publicKeyRecord(publicKey));
    writeKeyEf(ctx, pair.adf, pair.privateEf, privateKey);
    return SW_SUCCESS;
  },
});
