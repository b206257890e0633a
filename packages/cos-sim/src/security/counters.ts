/**
 * Retry counters of the PIN and of authentication keys (03-security.md): a try is spent and
 * **committed before the comparison**, so a power loss during VERIFY or EXTERNAL AUTHENTICATE
 * never gives a free try; a success then restores the counter in a second write.
 */
import type { CommandContext } from '../engine/context.js';
import type { KeyRef } from './keys.js';

/** Spends one try and commits it; returns the tries left. */
export function spendTry(ctx: CommandContext, ref: KeyRef): number {
  const left = Math.max(0, ref.key.triesLeft - 1);
  ctx.tx.replaceKey(ref.depth, { ...ref.key, triesLeft: left });
  ctx.tx.commit();
  return left;
}

/** Restores the counter to its maximum (staged; committed with the command). */
export function restoreTries(ctx: CommandContext, ref: KeyRef): void {
  ctx.tx.replaceKey(ref.depth, { ...ref.key, triesLeft: ref.key.maxTries });
}

/** Sets the FMCOS state register of the key's DF (MF register for an MF key). */
export function raiseRegister(ctx: CommandContext, ref: KeyRef): void {
  const session = ctx.session;
  const state = ref.key.followUpState & 0x0f;
  if (ref.depth === 0) session.mfRegister = state;
  if (ref.depth === session.dfPath.length - 1) session.dfRegister = state;
}
