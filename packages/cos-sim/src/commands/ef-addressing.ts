/**
 * The EF a READ/UPDATE/APPEND command addresses: by SFI in the current DF, or the current EF
 * (02-commands.md), and the line key that protects files of the current DF (+SM).
 */

import type { CommandContext } from '../engine/context.js';
import { efBySfi } from '../engine/file-system.js';
import { SW_FILE_NOT_FOUND, SW_NO_CURRENT_EF } from '../engine/status.js';
import type { ElementaryFile, KeyObject } from '../image/types.js';
import { keyIn, LINE_PROTECTION_KEY_ID } from '../security/keys.js';

/** sfi 0 = the current EF. */
export function addressedEf(ctx: CommandContext, sfi: number): ElementaryFile | number {
  if (sfi === 0) return ctx.session.currentEf ?? SW_NO_CURRENT_EF;
  return efBySfi(ctx.session.currentDf, sfi) ?? SW_FILE_NOT_FOUND;
}

/** Line-protection key (id 03) of the DF holding the current files (03-security.md "+SM"). */
export function currentLineKey(ctx: CommandContext): KeyObject | null {
  return keyIn(ctx.session.currentDf, LINE_PROTECTION_KEY_ID, 'line-protection') ?? null;
}

/** Depth of the current DF in the chain, where writes to its EFs go. */
export function currentDepth(ctx: CommandContext): number {
  return ctx.session.dfPath.length - 1;
}
