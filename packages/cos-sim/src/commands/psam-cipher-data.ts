/**
 * CIPHER DATA (80 FA P1 00 Lc data), 05-psam.md, under the working key:
 * - P1=00 encrypt: ECB of data, whole blocks (→ 6700 otherwise);
 * - P1=05 MAC: data = IV ‖ message, the 4-byte line-protection MAC of message (04-crypto.md);
 *   the PSAM adds the `80 00…` padding itself.
 * No working key → 6985. The answer is data (case 4), so T=0 gives 61xx then GET RESPONSE.
 *
 * Key usage [decision, so that the PSAM "never outputs a master or derived key"]: ECB of a
 * chosen `D ‖ ~D` under a key K is DIV(K, D) — a derived key. So plain encryption is granted
 * only where a terminal flow needs it and the result is no key of the card: under a session
 * key (the EXTERNAL AUTHENTICATE cryptogram), and under a card key of type 7 (encryption:
 * INTERNAL AUTHENTICATE check) or 3 (PIN unblock: the LD block), never under an undiversified
 * master (0 levels). Anything else → 6985 (conditions of use not satisfied). A MAC (4 bytes)
 * is always granted.
 * RELOAD PIN [decision]: with a type 4 (PIN reload) 3DES key the MAC is PBOC's, single DES
 * under L(K)⊕R(K) (04-crypto.md "PIN reload"); for SM4 that is the line MAC already.
 */
import { blockSize, encryptEcb, lineMac } from '@ssc-cos/apdu-codec/crypto';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import { OK, SW_CONDITIONS_NOT_SATISFIED, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../engine/status.js';
import type { WorkingKey } from '../engine/working-key.js';
import { PSAM_KEY_TYPE } from './psam-key-table.js';

const ENCRYPT = 0x00;
const MAC = 0x05;
/** Block size assumed for the length check while no working key exists (the smaller one). */
const MIN_BLOCK = 8;

function encryptionGranted(key: WorkingKey): boolean {
  if (key.session) return true;
  if (key.levels === 0) return false;
  return key.keyType === PSAM_KEY_TYPE.encryption || key.keyType === PSAM_KEY_TYPE.pinUnblock;
}

/** The key the MAC runs under: K itself, or L(K)⊕R(K) for a 3DES PIN-reload key. */
function macKey(key: WorkingKey): Uint8Array {
  if (key.algorithm !== '3des' || key.keyType !== PSAM_KEY_TYPE.pinReload || key.session) return key.value;
  const folded = new Uint8Array(8);
  for (let i = 0; i < 8; i++) folded[i] = key.value[i]! ^ key.value[8 + i]!;
  return folded;
}

export const cipherDataHandler = defineHandler<WorkingKey>({
  name: 'CIPHER DATA',
  ins: 0xfa,
  classes: [0x80],
  checkParams: (cmd) => ((cmd.p1 === ENCRYPT || cmd.p1 === MAC) && cmd.p2 === 0 ? OK : SW_WRONG_P1P2),
  checkLengths(cmd, ctx) {
    const key = ctx.session.workingKey;
    const bs = key ? blockSize(key.algorithm) : MIN_BLOCK;
    const n = cmd.data.length;
    // Encrypt: whole blocks. MAC: at least the IV (an empty message is still padded).
    const valid = cmd.p1 === ENCRYPT ? n > 0 && n % bs === 0 : n >= bs;
    return valid ? OK : SW_WRONG_LENGTH;
  },
  resolve: (_cmd, ctx) => ctx.session.workingKey ?? SW_CONDITIONS_NOT_SATISFIED,
  access: (cmd, key) => (cmd.p1 === ENCRYPT && !encryptionGranted(key) ? SW_CONDITIONS_NOT_SATISFIED : OK),
  execute(cmd, key, ctx) {
    if (cmd.p1 === ENCRYPT) {
      return respond(encryptEcb(key.algorithm, key.value, cmd.data));
    }
    const bs = blockSize(key.algorithm);
    const truncation = key.algorithm === 'sm4' ? ctx.image.options.sm4MacTruncation : 'left4';
    return respond(
      lineMac(key.algorithm, macKey(key), cmd.data.subarray(0, bs), cmd.data.subarray(bs), truncation),
    );
  },
});
