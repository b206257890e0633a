/**
 * 80 C2 (11-pki.md), the encryption key pair from the envelope, admin PIN:
 * - `80 C2 40 00 46 C0 02 0014 CA 40 ‖ X ‖ Y` writes the public key (a point of the curve, else 6A80);
 * - `80 C2 C0 01 26 C2 02 0015 CB 20 ‖ SM4-ECB(key, d)` writes d, decrypted under the key of
 *   80 4A (none loaded → 6985); d must be in [1, n-2] and d·G the public key already in 0014,
 *   else 6A80 and nothing written (docs/pki.md: a wrong key or envelope fails cleanly).
 * Only the encryption pair is written this way: the signing pair is the card's own (80 40).
 */
import {
  decryptEcb,
  equalBytes,
  isSm2PrivateKey,
  isSm2PublicKey,
  sm2PublicKeyOf,
} from '@ssc-cos/apdu-codec/crypto';
import type { CommandContext } from '../engine/context.js';
import type { Command } from '../engine/handler.js';
import { defineHandler } from '../engine/handler.js';
import {
  OK,
  SW_CONDITIONS_NOT_SATISFIED,
  SW_FILE_NOT_FOUND,
  SW_SUCCESS,
  SW_WRONG_DATA,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
} from '../engine/status.js';
import {
  adminRule,
  checkTlvAt,
  ENCRYPTION_PRIVATE_FID,
  ENCRYPTION_PUBLIC_FID,
  type KeyPairFiles,
  keyPairFiles,
  PRIVATE_KEY_LENGTH,
  PUBLIC_KEY_LENGTH,
  PUBLIC_KEY_TAG,
  parsePrivateFid,
  parsePublicFid,
  pkiAdf,
  publicKeyRecord,
  storedPublicKey,
  writeKeyEf,
} from './pki-application.js';

const PRIVATE_KEY_TAG = 0xcb;
const isPublicWrite = (cmd: Command): boolean => cmd.p1 === 0x40 && cmd.p2 === 0x00;
const isPrivateWrite = (cmd: Command): boolean => cmd.p1 === 0xc0 && cmd.p2 === 0x01;

/** The private key the command carries, decrypted under the loaded SM4 key. */
function privateKeyOf(cmd: Command, ctx: CommandContext): Uint8Array {
  return decryptEcb('sm4', ctx.session.pkiSessionKey!, cmd.data.subarray(6));
}

export const writeKeyPairHandler = defineHandler<KeyPairFiles>({
  name: 'WRITE ENCRYPTION KEY',
  ins: 0xc2,
  classes: [0x80],
  checkParams: (cmd) => (isPublicWrite(cmd) || isPrivateWrite(cmd) ? OK : SW_WRONG_P1P2),
  checkLengths(cmd) {
    const n = isPublicWrite(cmd) ? 4 + 2 + PUBLIC_KEY_LENGTH : 4 + 2 + PRIVATE_KEY_LENGTH;
    return cmd.data.length === n && cmd.ne === null ? OK : SW_WRONG_LENGTH;
  },
  resolve(cmd, ctx) {
    const adf = pkiAdf(ctx);
    if (typeof adf === 'number') return adf;
    const fid = isPublicWrite(cmd) ? parsePublicFid(cmd.data) : parsePrivateFid(cmd.data);
    if (fid === null) return SW_WRONG_DATA;
    const expected = isPublicWrite(cmd) ? ENCRYPTION_PUBLIC_FID : ENCRYPTION_PRIVATE_FID;
    if (fid !== expected) return SW_FILE_NOT_FOUND;
    return keyPairFiles(adf, ENCRYPTION_PUBLIC_FID, ENCRYPTION_PRIVATE_FID);
  },
  access: (_cmd, pair) => adminRule(pair.adf),
  checkMac: (cmd, _pair, ctx) =>
    isPrivateWrite(cmd) && ctx.session.pkiSessionKey === null ? SW_CONDITIONS_NOT_SATISFIED : OK,
  checkData(cmd, pair, ctx) {
    if (isPublicWrite(cmd)) {
      const sw = checkTlvAt(cmd.data, 4, PUBLIC_KEY_TAG, PUBLIC_KEY_LENGTH);
      return sw !== OK || !isSm2PublicKey(cmd.data.subarray(6)) ? SW_WRONG_DATA : OK;
    }
    if (checkTlvAt(cmd.data, 4, PRIVATE_KEY_TAG, PRIVATE_KEY_LENGTH) !== OK) return SW_WRONG_DATA;
    const d = privateKeyOf(cmd, ctx);
    const publicKey = storedPublicKey(pair.publicEf);
    if (!isSm2PrivateKey(d) || publicKey === null) return SW_WRONG_DATA;
    return equalBytes(sm2PublicKeyOf(d), publicKey) ? OK : SW_WRONG_DATA;
  },
  execute(cmd, pair, ctx) {
    if (isPublicWrite(cmd)) writeKeyEf(ctx, pair.adf, pair.publicEf, publicKeyRecord(cmd.data.subarray(6)));
    else writeKeyEf(ctx, pair.adf, pair.privateEf, privateKeyOf(cmd, ctx));
    return SW_SUCCESS;
  },
});
