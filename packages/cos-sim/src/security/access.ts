/**
 * Evaluation of an access rule against the security status (03-security.md "Access rules").
 * The `+SM` part is not evaluated here: the dispatcher requires it at step 9 (secure messaging).
 */

import type { Session } from '../engine/session.js';
import type { AccessRule, DedicatedFile } from '../image/types.js';

/**
 * [decision, docs/card.md] FMCOS's fresh-DF rule: a DF whose key file does not exist yet is
 * open — every access right of its files is met and no `+SM` MAC is due — so a personalisation
 * script can write a DF's data before its keys. Every DF of a personalised card has a key file.
 */
export function freshDf(df: DedicatedFile): boolean {
  return df.keyFile === null;
}

export function ruleSatisfied(rule: AccessRule, session: Session): boolean {
  switch (rule.kind) {
    case 'FREE':
      return true;
    case 'NEVER':
      return false;
    case 'PIN':
      return session.pinVerified || session.localPinVerified;
    case 'KEY':
      return session.authKeys.has(rule.key ?? -1);
    case 'PIN|KEY':
      return session.pinVerified || session.localPinVerified || session.authKeys.has(rule.key ?? -1);
    case 'PIN+KEY':
      return (session.pinVerified || session.localPinVerified) && session.authKeys.has(rule.key ?? -1);
    case 'FMCOS':
      return fmcosSatisfied(rule.fmcos ?? 0xff, session.mfRegister, session.dfRegister);
  }
}

/**
 * FMCOS access byte XY: X=0 → MF register ≥ Y; X ≥ Y → Y ≤ current-DF register ≤ X; X < Y → never.
 */
export function fmcosSatisfied(xy: number, mfRegister: number, dfRegister: number): boolean {
  const x = xy >> 4;
  const y = xy & 0x0f;
  if (x === 0) return mfRegister >= y;
  if (x >= y) return dfRegister >= y && dfRegister <= x;
  return false;
}
