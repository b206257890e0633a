/**
 * The order of checks of 02-commands.md, in ONE place. Every command goes through `dispatch`,
 * which calls the handler's steps (engine/handler.ts) in order; the first failure wins.
 */

import { MAC_LENGTH } from '@ssc-cos/apdu-codec/crypto';
import type { CardImage, KeyObject } from '../image/types.js';
import { freshDf, ruleSatisfied } from '../security/access.js';
import { macCheckSpendingTry } from '../security/counters.js';
import { keyBlocked } from '../security/keys.js';
import { commandMacValid, signResponse } from '../security/secure-messaging.js';
import type { CommandContext } from './context.js';
import type { Command } from './handler.js';
import type { InsTable } from './ins-table.js';
import { type CommandOutcome, respond } from './outcome.js';
import {
  OK,
  SW_AUTH_OBJECT_BLOCKED,
  SW_CHANNEL_NOT_SUPPORTED,
  SW_CLA_NOT_SUPPORTED,
  SW_FUNCTION_NOT_SUPPORTED,
  SW_INS_NOT_SUPPORTED,
  SW_KEY_NOT_FOUND,
  SW_NO_CHALLENGE,
  SW_SECURITY_NOT_SATISFIED,
  SW_SM_MISSING,
  SW_SM_WRONG,
  SW_SUCCESS,
  SW_WRONG_LENGTH,
  swBytesAvailable,
} from './status.js';

/** The card as the dispatcher drives it (implemented by the card's runtime, engine/card-runtime.ts). */
export interface DispatchHost extends CommandContext {
  readonly image: CardImage;
}

/** Marker: step 7 has not run yet (resolution may run early for `checkOffset`). */
const NOT_RESOLVED: unknown = Symbol('not resolved');

/** Is the current DF, or a DF above it, blocked (03-security.md: blocking the SSSE blocks everything under it)? */
export function applicationBlocked(host: CommandContext): boolean {
  const path = host.session.dfPath;
  for (let i = 0; i < path.length; i++) if (path[i]!.lifecycle !== 'active') return true;
  return false;
}

/**
 * Does a command answering `sw` keep its changes? Success (9000, 61xx), a warning (62xx) or a
 * spent try (63Cx); anything else failed and changes nothing (02-commands.md).
 */
export function keepsChanges(sw: number): boolean {
  const sw1 = sw >> 8;
  return sw1 === 0x90 || sw1 === 0x61 || sw1 === 0x62 || sw1 === 0x63;
}

/**
 * Step 2 for a CLA no handler of the INS declares: 6E00 outside 00/04/80/84, 6881 for channel
 * bits, else OK (the INS and the handler's classes decide, step 3).
 */
function classStatus(cla: number): number {
  const classBase = cla & 0xfc;
  if (classBase !== 0x00 && classBase !== 0x04 && classBase !== 0x80 && classBase !== 0x84) {
    return SW_CLA_NOT_SUPPORTED;
  }
  return (cla & 0x03) !== 0 ? SW_CHANNEL_NOT_SUPPORTED : OK;
}

/**
 * Bytes that are not a well-formed APDU: the header checks that can still be made (steps 2
 * and 3), then 6700 (step 5).
 */
export function malformedStatus(bytes: Uint8Array, table: InsTable): number {
  const declared = bytes.length >= 2 && table[bytes[1]!]?.classes.includes(bytes[0]!) === true;
  if (bytes.length >= 1 && !declared) {
    const sw = classStatus(bytes[0]!);
    if (sw !== OK) return sw;
  }
  if (bytes.length >= 2) {
    const handler = table[bytes[1]!];
    if (handler === undefined) return SW_INS_NOT_SUPPORTED;
    if (!handler.classes.includes(bytes[0]!)) return SW_CLA_NOT_SUPPORTED;
  }
  return SW_WRONG_LENGTH;
}

/**
 * Runs one command through steps 2–11 and the handler's execution (step 1, the permanently
 * blocked card, is answered before parsing). Returns the outcome: the status word, with the
 * response data when there are any. Persistent changes are committed here, and only on success.
 */
export function dispatch(host: DispatchHost, table: InsTable, received: Command): CommandOutcome {
  let cmd = received;
  // 2. CLA: plain 00/80, secure messaging 04/84; channel bits unsupported. A CLA a handler
  // declares outright (the PSAM's BF) is its own class, not a channel.
  const cla = cmd.cla;
  // 3. INS, one lookup.
  const handler = table[cmd.ins];
  if (handler === undefined || !handler.classes.includes(cla)) {
    const sw = classStatus(cla);
    if (sw !== OK) return sw;
    return handler === undefined ? SW_INS_NOT_SUPPORTED : SW_CLA_NOT_SUPPORTED;
  }

  // 4. P1/P2.
  let sw = handler.checkParams ? handler.checkParams(cmd, host) : OK;
  if (sw !== OK) return sw;
  let target = NOT_RESOLVED;
  if (handler.checkOffset && handler.resolve) {
    target = handler.resolve(cmd, host);
    if (typeof target !== 'number') {
      sw = handler.checkOffset(cmd, target, host);
      if (sw !== OK) return sw;
    }
  }
  const secure = (cla & 0x04) !== 0;
  // 5. Lc/Le: short APDUs only on the card, within its limits; a MAC needs 4 bytes.
  const options = host.image.options;
  if (cmd.extended || cmd.data.length > options.maxLc || (cmd.ne !== null && cmd.ne > options.maxLe)) {
    return SW_WRONG_LENGTH;
  }
  if (secure && cmd.data.length < MAC_LENGTH) return SW_WRONG_LENGTH;
  sw = handler.checkLengths ? handler.checkLengths(cmd, host) : OK;
  if (sw !== OK) return sw;
  // 6. Application blocked.
  if (!handler.allowedWhenBlocked && applicationBlocked(host)) return SW_FUNCTION_NOT_SUPPORTED;
  // 7. Object resolution.
  if (target === NOT_RESOLVED) target = handler.resolve ? handler.resolve(cmd, host) : undefined;
  if (typeof target === 'number') return target;
  // 8. Security status. The rule's `+SM` part is step 9's. [decision] FMCOS's fresh-DF rule:
  // in a current DF without a key file every right is met and no +SM is due (docs/card.md).
  let ruleNeedsMac = false;
  if (handler.access) {
    const rule = handler.access(cmd, target, host);
    if (typeof rule === 'number') {
      if (rule !== OK) return rule;
    } else if (!freshDf(host.session.currentDf)) {
      if (!ruleSatisfied(rule, host.session)) return SW_SECURITY_NOT_SATISFIED;
      ruleNeedsMac = rule.sm;
    }
  }
  // 9. Secure messaging: required by the access rule (+SM) or by the command itself.
  let signWith: KeyObject | null = null;
  const fullLength = cmd.data.length;
  if (handler.secureMessaging) {
    const policy = handler.secureMessaging(cmd, target, host);
    if (secure) {
      if (policy.key === null) return SW_KEY_NOT_FOUND;
      const challenge = host.session.commandChallenge;
      if (challenge === null) return SW_NO_CHALLENGE;
      if (keyBlocked(policy.key)) return SW_AUTH_OBJECT_BLOCKED;
      // 03-security.md §v2: a wrong MAC spends a try of its key (when the key has a counter).
      const image = host.image;
      const key = policy.key;
      const sent = cmd;
      const valid = () => commandMacValid(image, key, challenge, sent, sent.data);
      if (!macCheckSpendingTry(host, key, valid)) return SW_SM_WRONG;
      cmd = { ...cmd, data: cmd.data.subarray(0, fullLength - MAC_LENGTH) };
      if (policy.macResponse) signWith = policy.key;
    } else if (policy.required || ruleNeedsMac) {
      return SW_SM_MISSING;
    }
  }
  if (handler.checkMac) {
    sw = handler.checkMac(cmd, target, host);
    if (sw !== OK) return sw;
  }
  // 10. Data field.
  sw = handler.checkData ? handler.checkData(cmd, target, host) : OK;
  if (sw !== OK) return sw;
  // 11. Le of a case-2 read. Under T=0 a command that carried data (case 4, e.g. a MAC'd read)
  // has no Le on the wire (P3 is its Lc): a Le the terminal added is not seen, so no 6Cxx and
  // the data go through 61xx whole.
  if (options.transport === 'T0' && fullLength > 0 && cmd.ne !== null) cmd = { ...cmd, ne: null };
  sw = handler.checkLe ? handler.checkLe(cmd, target, host) : OK;
  if (sw !== OK) return sw;

  // Execution: persistent changes are kept only when the command succeeds (9000, 61xx, 62xx)
  // or reports a spent try (63Cx, whose counter the handler committed itself before comparing).
  const outcome = handler.execute(cmd, target, host);
  if (typeof outcome === 'number') {
    if (keepsChanges(outcome)) host.tx.commit();
    else host.tx.abort();
    return outcome;
  }
  sw = outcome.sw;
  if (!keepsChanges(sw)) {
    host.tx.abort();
    return sw; // a failed command answers no data
  }
  host.tx.commit();
  let data = outcome.data;
  if (data.length === 0) return sw;
  if (signWith !== null) data = signResponse(host.image, signWith, host.session.commandChallenge!, data);
  // T=0: a command that carried data (case 4) cannot return data in the same exchange.
  if (options.transport === 'T0' && fullLength > 0) {
    // warnings (6283) under T=0 carry no data (03-security.md)
    if (sw !== SW_SUCCESS) return sw;
    host.session.pending = data;
    return swBytesAvailable(data.length);
  }
  return data === outcome.data ? outcome : respond(data, sw);
}
