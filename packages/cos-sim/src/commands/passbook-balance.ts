/**
 * GET BALANCE (80 5C 00 01 04), 12-payment.md → balance 4 (fen, big-endian). P2=01 the
 * passbook; P2=02 (purse) → 6A86. Le other than 04 (or 00 under T=1 / absent) → 6C04.
 */
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import { OK, SW_WRONG_LENGTH, SW_WRONG_P1P2, swWrongLe } from '../engine/status.js';
import { uintBytes } from '../passbook/fixed-width.js';
import { PASSBOOK_ACCESS, type PassbookTarget, passbookHere } from '../passbook/passbook-target.js';
import { PASSBOOK_P2 } from './passbook-initialize.js';

const BALANCE_LENGTH = 4;

export const getBalanceHandler = defineHandler<PassbookTarget>({
  name: 'GET BALANCE',
  ins: 0x5c,
  classes: [0x80],
  checkParams: (cmd) => (cmd.p1 === 0x00 && cmd.p2 === PASSBOOK_P2 ? OK : SW_WRONG_P1P2),
  checkLengths: (cmd) => (cmd.data.length === 0 ? OK : SW_WRONG_LENGTH),
  resolve: (_cmd, ctx) => passbookHere(ctx),
  access: () => PASSBOOK_ACCESS,
  checkLe(cmd, _target, ctx) {
    const ne = cmd.ne;
    if (ne === null || ne === BALANCE_LENGTH) return OK;
    if (ne === 256 && ctx.image.options.transport === 'T1') return OK;
    return swWrongLe(BALANCE_LENGTH);
  },
  execute: (_cmd, target) => respond(uintBytes(target.passbook.balance, BALANCE_LENGTH)),
});
