/**
 * 80 4E 00 01 (11-pki.md), unwrap the envelope key: `C2 02 <priv> C1 82 00 70 ‖ C1.x ‖ C1.y ‖
 * C3 ‖ C2` → the 16-byte SM4 key, SM2-decrypted (C1 ‖ C3 ‖ C2) with the named private key
 * (the signing key 0013). Admin PIN. C1 off the curve or C3 wrong → 6A80 with nothing changed
 * and no try spent: refusing a wrong envelope is data checking (docs/pki.md).
 */
import { SM2_CIPHERTEXT_OVERHEAD, sm2Decrypt } from '@ssc-cos/apdu-codec/crypto';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import { OK, SW_KEY_NOT_FOUND, SW_WRONG_DATA, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../engine/status.js';
import {
  adminRule,
  type KeyPairFiles,
  keyPairOfPrivate,
  parsePrivateFid,
  pkiAdf,
  storedPrivateKey,
} from './pki-application.js';

const SESSION_KEY_LENGTH = 16;
const CIPHER_LENGTH = SM2_CIPHERTEXT_OVERHEAD + SESSION_KEY_LENGTH;
/** `C1 82 00 70`: the ciphertext's tag and two-byte BER length. */
const CIPHER_HEADER = Uint8Array.of(0xc1, 0x82, CIPHER_LENGTH >> 8, CIPHER_LENGTH & 0xff);
const DATA_LENGTH = 4 + CIPHER_HEADER.length + CIPHER_LENGTH;

function cipherOf(data: Uint8Array): Uint8Array | null {
  for (let i = 0; i < CIPHER_HEADER.length; i++) if (data[4 + i] !== CIPHER_HEADER[i]) return null;
  return data.subarray(4 + CIPHER_HEADER.length);
}

export const unwrapEnvelopeHandler = defineHandler<KeyPairFiles>({
  name: 'UNWRAP ENVELOPE KEY',
  ins: 0x4e,
  classes: [0x80],
  checkParams: (cmd) => (cmd.p1 === 0x00 && cmd.p2 === 0x01 ? OK : SW_WRONG_P1P2),
  checkLengths: (cmd) =>
    cmd.data.length === DATA_LENGTH && (cmd.ne === null || cmd.ne === 256 || cmd.ne === SESSION_KEY_LENGTH)
      ? OK
      : SW_WRONG_LENGTH,
  resolve(cmd, ctx) {
    const adf = pkiAdf(ctx);
    if (typeof adf === 'number') return adf;
    const fid = parsePrivateFid(cmd.data);
    if (fid === null || cipherOf(cmd.data) === null) return SW_WRONG_DATA;
    const pair = keyPairOfPrivate(adf, fid);
    if (typeof pair === 'number') return pair;
    return storedPrivateKey(pair.privateEf) === null ? SW_KEY_NOT_FOUND : pair;
  },
  access: (_cmd, pair) => adminRule(pair.adf),
  checkData: (cmd, pair) =>
    sm2Decrypt(storedPrivateKey(pair.privateEf)!, cipherOf(cmd.data)!) === undefined ? SW_WRONG_DATA : OK,
  execute: (cmd, pair) => respond(sm2Decrypt(storedPrivateKey(pair.privateEf)!, cipherOf(cmd.data)!)!),
});
