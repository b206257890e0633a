/**
 * 80 C9 (11-pki.md), two steps: `80 C9 82 00 08 C0 02 <pub> C2 02 <priv>` names the pair (the
 * session remembers it until the next DF selection or reset), then `80 C9 82 80 00` answers
 * `CA 40 ‖ X ‖ Y`. Free: a public key is public. Without the first step 6985; no pair yet 6A88.
 */
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import {
  OK,
  SW_CONDITIONS_NOT_SATISFIED,
  SW_KEY_NOT_FOUND,
  SW_SUCCESS,
  SW_WRONG_DATA,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
  swWrongLe,
} from '../engine/status.js';
import type { TransparentFile } from '../image/types.js';
import {
  keyPairFiles,
  PUBLIC_KEY_EF_SIZE,
  parseKeyPairFids,
  pkiAdf,
  publicKeyRecord,
  storedPublicKey,
} from './pki-application.js';

const P1 = 0x82;
const P2_NAME_PAIR = 0x00;
const P2_READ = 0x80;

export const readPublicKeyHandler = defineHandler<TransparentFile>({
  name: 'READ PUBLIC KEY',
  ins: 0xc9,
  classes: [0x80],
  checkParams: (cmd) =>
    cmd.p1 === P1 && (cmd.p2 === P2_NAME_PAIR || cmd.p2 === P2_READ) ? OK : SW_WRONG_P1P2,
  checkLengths(cmd) {
    if (cmd.p2 === P2_NAME_PAIR) return cmd.data.length === 8 && cmd.ne === null ? OK : SW_WRONG_LENGTH;
    return cmd.data.length === 0 && cmd.ne !== null ? OK : SW_WRONG_LENGTH;
  },
  resolve(cmd, ctx) {
    const adf = pkiAdf(ctx);
    if (typeof adf === 'number') return adf;
    if (cmd.p2 === P2_NAME_PAIR) {
      const fids = parseKeyPairFids(cmd.data);
      if (fids === null) return SW_WRONG_DATA;
      const pair = keyPairFiles(adf, fids[0], fids[1]);
      return typeof pair === 'number' ? pair : pair.publicEf;
    }
    const fid = ctx.session.pkiPublicKeyFid;
    const ef = adf.df.children.find((c): c is TransparentFile => c.type === 'transparent' && c.fid === fid);
    if (ef === undefined) return SW_CONDITIONS_NOT_SATISFIED;
    return storedPublicKey(ef) === null ? SW_KEY_NOT_FOUND : ef;
  },
  checkLe: (cmd) =>
    cmd.p2 === P2_NAME_PAIR || cmd.ne === 256 || cmd.ne === PUBLIC_KEY_EF_SIZE
      ? OK
      : swWrongLe(PUBLIC_KEY_EF_SIZE),
  execute(cmd, ef, ctx) {
    if (cmd.p2 === P2_NAME_PAIR) {
      ctx.session.pkiPublicKeyFid = ef.fid;
      return SW_SUCCESS;
    }
    return respond(publicKeyRecord(storedPublicKey(ef)!));
  },
});
