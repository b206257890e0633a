/**
 * GET RESPONSE (00 C0 00 00 Le), T=0 (01-card.md "Transport behaviour", 02-commands.md):
 * Le=00 or Le ≥ pending returns all of it; a smaller Le returns that many bytes and 61yy for
 * the rest; nothing pending → 6985. A GET RESPONSE that fails leaves the pending data in place
 * (a failed command changes nothing; `fetchesPendingResponse` tells the engine to put them back).
 */
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import {
  OK,
  SW_CONDITIONS_NOT_SATISFIED,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
  swBytesAvailable,
} from '../engine/status.js';

export const getResponseHandler = defineHandler<Uint8Array>({
  name: 'GET RESPONSE',
  ins: 0xc0,
  // Not allowed while the application is blocked (03-security: only SELECT, GET CHALLENGE and
  // APPLICATION UNBLOCK are answered); nothing can be pending then anyway (6283 under T=0 has no data).
  classes: [0x00],
  checkParams: (cmd) => (cmd.p1 === 0 && cmd.p2 === 0 ? OK : SW_WRONG_P1P2),
  checkLengths: (cmd) => (cmd.data.length === 0 && cmd.ne !== null ? OK : SW_WRONG_LENGTH),
  fetchesPendingResponse: true,
  resolve: (_cmd, ctx) => ctx.session.commandPending ?? SW_CONDITIONS_NOT_SATISFIED,
  execute(cmd, pending, ctx) {
    const le = cmd.ne!;
    if (le === 256 || le >= pending.length) return respond(pending);
    const rest = pending.subarray(le);
    ctx.session.pending = rest;
    return respond(pending.subarray(0, le), swBytesAvailable(rest.length));
  },
});
