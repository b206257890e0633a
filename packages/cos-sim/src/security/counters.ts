/**
 * Retry counters of the PIN and of authentication keys (03-security.md): a try is spent and
 * **committed before the comparison**, so a power loss during VERIFY or EXTERNAL AUTHENTICATE
 * never gives a free try; a success then restores the counter in a second write.
 */
import type { CommandContext } from '../engine/context.js';
import type { KeyObject } from '../image/types.js';
import type { KeyRef } from './keys.js';

/** Spends one try and commits it; returns the tries left. */
export function spendTry(ctx: CommandContext, ref: KeyRef): number {
  const left = Math.max(0, ref.key.triesLeft - 1);
  ctx.tx.setTriesLeft(ref.depth, ref.key, left);
  ctx.tx.commit();
  return left;
}

/** Restores the counter to its maximum (staged; committed with the command). */
export function restoreTries(ctx: CommandContext, ref: KeyRef): void {
  ctx.tx.setTriesLeft(ref.depth, ref.key, ref.key.maxTries);
}

/** The depth of the DF holding `key` in the current DF chain, or -1. */
function depthOf(ctx: CommandContext, key: KeyObject): number {
  const path = ctx.session.dfPath;
  for (let depth = 0; depth < path.length; depth++) if (path[depth]!.keys.includes(key)) return depth;
  return -1;
}

/**
 * 03-security.md §v2: a MAC checked with a key that has a retry counter spends a try of that
 * key, committed **before** the comparison like the PIN's (a power cut timed to the comparison
 * gains nothing, and a right and a wrong MAC cost the same first write); a right MAC then
 * restores the counter in a second write, committed at once so that a later check of the
 * same command (e.g. its data, 6A80) cannot take the restoration back. Returns `valid()`.
 */
export function macCheckSpendingTry(ctx: CommandContext, key: KeyObject, valid: () => boolean): boolean {
  const depth = depthOf(ctx, key);
  if (key.maxTries === 0 || depth < 0) return valid();
  // Two writes on every MAC-checked command: setTriesLeft makes them cheap (engine/transaction.ts).
  ctx.tx.setTriesLeft(depth, key, Math.max(0, key.triesLeft - 1));
  ctx.tx.commit();
  if (!valid()) return false;
  ctx.tx.setTriesLeft(depth, key, key.maxTries);
  ctx.tx.commit();
  return true;
}

/** Sets the FMCOS state register of the key's DF (MF register for an MF key). */
export function raiseRegister(ctx: CommandContext, ref: KeyRef): void {
  const session = ctx.session;
  const state = ref.key.followUpState & 0x0f;
  if (ref.depth === 0) session.mfRegister = state;
  if (ref.depth === session.dfPath.length - 1) session.dfRegister = state;
}
