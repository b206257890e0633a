/**
 * GET TRANSACTION PROVE (80 5A 00 P2 02), 12-payment.md: counter 2 → MAC2 4 ‖ TAC 4 of that
 * transaction. P2 = its type (05 purchase, 01 load). The counter is the one INITIALIZE
 * returned, plus one; only the last transaction is kept, so any other counter or type → 9406.
 * This is how a terminal that lost the answer of a DEBIT/CREDIT (card pulled, 防拔) learns
 * whether the transaction happened, without charging twice.
 */
import { LOAD_TYPE, PURCHASE_TYPE } from '@ssc-cos/apdu-codec/crypto';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import { OK, SW_MAC_NOT_AVAILABLE, SW_WRONG_LENGTH, SW_WRONG_P1P2 } from '../engine/status.js';
import { uintOf } from '../passbook/fixed-width.js';
import { PASSBOOK_ACCESS, type PassbookTarget, passbookHere } from '../passbook/passbook-target.js';

export const getTransactionProveHandler = defineHandler<PassbookTarget>({
  name: 'GET TRANSACTION PROVE',
  ins: 0x5a,
  classes: [0x80],
  checkParams: (cmd) =>
    cmd.p1 === 0x00 && (cmd.p2 === PURCHASE_TYPE || cmd.p2 === LOAD_TYPE) ? OK : SW_WRONG_P1P2,
  checkLengths: (cmd) => (cmd.data.length === 2 ? OK : SW_WRONG_LENGTH),
  resolve: (_cmd, ctx) => passbookHere(ctx),
  access: () => PASSBOOK_ACCESS,
  checkData(cmd, target) {
    const proof = target.passbook.lastProof;
    if (proof === null || proof.type !== cmd.p2 || proof.counter !== uintOf(cmd.data))
      return SW_MAC_NOT_AVAILABLE;
    return OK;
  },
  execute(_cmd, target) {
    const proof = target.passbook.lastProof!;
    const out = new Uint8Array(8);
    out.set(proof.mac2, 0);
    out.set(proof.tac, 4);
    return respond(out);
  },
});
