/**
 * The lifecycle commands of 03-security.md, each protected by a header-only line MAC
 * (`84 INS P1 P2 04`, 04-crypto.md): APPLICATION BLOCK (1E, P2 00 temporary / 01 permanent)
 * and APPLICATION UNBLOCK (18) on the current DF with its line key; CARD BLOCK (16) with the
 * SSSE's line key. A permanently blocked DF answers APPLICATION UNBLOCK with 9303.
 */

import { MAC_LENGTH } from '@ssc-cos/apdu-codec/crypto';
import type { CommandContext } from '../engine/context.js';
import type { Command } from '../engine/handler.js';
import { defineHandler } from '../engine/handler.js';
import {
  OK,
  SW_APPLICATION_PERMANENTLY_BLOCKED,
  SW_KEY_NOT_FOUND,
  SW_SUCCESS,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
} from '../engine/status.js';
import type { DfLifecycle, KeyObject } from '../image/types.js';
import { keyIn, LINE_PROTECTION_KEY_ID } from '../security/keys.js';
import { currentDepth, currentLineKey } from './ef-addressing.js';

/** Data is the MAC alone (CLA 84) or nothing (CLA 80, then 6987 at step 9). */
function macOnly(cmd: Command): number {
  const expected = cmd.cla & 0x04 ? MAC_LENGTH : 0;
  return cmd.data.length === expected && cmd.ne === null ? OK : SW_WRONG_LENGTH;
}

const lineKeyOfCurrentDf = (_cmd: Command, ctx: CommandContext) => currentLineKey(ctx) ?? SW_KEY_NOT_FOUND;
const requireMac = (_cmd: Command, key: KeyObject) => ({ required: true, key, macResponse: false });

export const applicationBlockHandler = defineHandler<KeyObject>({
  name: 'APPLICATION BLOCK',
  ins: 0x1e,
  classes: [0x80, 0x84],
  checkParams: (cmd) => (cmd.p1 === 0 && (cmd.p2 === 0 || cmd.p2 === 1) ? OK : SW_WRONG_P1P2),
  checkLengths: macOnly,
  resolve: lineKeyOfCurrentDf,
  secureMessaging: requireMac,
  execute(cmd, _key, ctx) {
    const lifecycle: DfLifecycle = cmd.p2 === 1 ? 'permanently-blocked' : 'temporarily-blocked';
    ctx.tx.updateDf(currentDepth(ctx), (df) => ({ ...df, lifecycle }));
    return SW_SUCCESS;
  },
});

export const applicationUnblockHandler = defineHandler<KeyObject>({
  name: 'APPLICATION UNBLOCK',
  ins: 0x18,
  classes: [0x80, 0x84],
  allowedWhenBlocked: true,
  checkParams: (cmd) => (cmd.p1 === 0 && cmd.p2 === 0 ? OK : SW_WRONG_P1P2),
  checkLengths: macOnly,
  resolve: lineKeyOfCurrentDf,
  secureMessaging: requireMac,
  execute(_cmd, _key, ctx) {
    const lifecycle = ctx.session.currentDf.lifecycle;
    if (lifecycle === 'permanently-blocked') return SW_APPLICATION_PERMANENTLY_BLOCKED;
    // [decision] unblocking an active DF is a successful no-op.
    if (lifecycle === 'temporarily-blocked') {
      ctx.tx.updateDf(currentDepth(ctx), (df) => ({ ...df, lifecycle: 'active' }));
    }
    return SW_SUCCESS;
  },
});

export const cardBlockHandler = defineHandler<KeyObject>({
  name: 'CARD BLOCK',
  ins: 0x16,
  classes: [0x80, 0x84],
  checkParams: (cmd) => (cmd.p1 === 0 && cmd.p2 === 0 ? OK : SW_WRONG_P1P2),
  checkLengths: macOnly,
  // [decision] the card is the SSSE's: its line key, from whichever DF is current.
  resolve: (_cmd, ctx) => keyIn(ctx.image.mf, LINE_PROTECTION_KEY_ID, 'line-protection') ?? SW_KEY_NOT_FOUND,
  secureMessaging: requireMac,
  execute(_cmd, _key, ctx) {
    ctx.tx.updateImage((image) => ({ ...image, cardBlocked: true }));
    return SW_SUCCESS;
  },
});
