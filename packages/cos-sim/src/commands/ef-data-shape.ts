/**
 * What the EF data commands share (READ/UPDATE BINARY, READ/UPDATE/APPEND RECORD,
 * 02-commands.md): the shape of their data field and their line protection. A read is case 2
 * (Le, no data) or, with CLA 04, the MAC alone; a write carries data (and the MAC with CLA 04)
 * and no Le. The MAC key is the current DF's line key; whether a MAC is due comes from the
 * file's access rule (`+SM`), which the dispatcher applies.
 */

import { MAC_LENGTH } from '@ssc-cos/apdu-codec/crypto';
import type { CommandContext } from '../engine/context.js';
import type { Command, SecureMessagingPolicy } from '../engine/handler.js';
import { OK, SW_WRONG_LENGTH } from '../engine/status.js';
import { currentLineKey } from './ef-addressing.js';

const isSecure = (cmd: Command): boolean => (cmd.cla & 0x04) !== 0;

/**
 * Plain: case 2 (Le required) — except under T=0, where 02-commands §v2 reads a 4-byte read
 * (no Le) as Le=00: a T=0 reader sends it as a TPDU with P3=00. Secure messaging: the MAC
 * only, Le optional (T=0 case 4).
 */
export function checkReadLengths(cmd: Command, ctx: CommandContext): number {
  if (isSecure(cmd)) return cmd.data.length === MAC_LENGTH ? OK : SW_WRONG_LENGTH;
  if (cmd.data.length !== 0) return SW_WRONG_LENGTH;
  return cmd.ne !== null || ctx.image.options.transport === 'T0' ? OK : SW_WRONG_LENGTH;
}

/** At least one data byte (after the MAC is taken off) and no Le. */
export function checkWriteLengths(cmd: Command): number {
  const min = isSecure(cmd) ? MAC_LENGTH + 1 : 1;
  return cmd.data.length >= min && cmd.ne === null ? OK : SW_WRONG_LENGTH;
}

/** Reads: a MAC'd command gets a MAC'd response. */
export function readLineProtection(
  _cmd: Command,
  _target: unknown,
  ctx: CommandContext,
): SecureMessagingPolicy {
  return { required: false, key: currentLineKey(ctx), macResponse: true };
}

export function writeLineProtection(
  _cmd: Command,
  _target: unknown,
  ctx: CommandContext,
): SecureMessagingPolicy {
  return { required: false, key: currentLineKey(ctx), macResponse: false };
}
