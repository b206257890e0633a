/**
 * Evaluation of an access rule against the security status (03-security.md "Access rules").
 * The `+SM` part is not evaluated here: it is step 9 of the order of checks (secure messaging).
 */

import type { Session } from '../engine/session.js';
import type { AccessRule } from '../image/types.js';

export function ruleSatisfied(rule: AccessRule, session: Session): boolean {
  switch (rule.kind) {
    case 'FREE':
      return true;
    case 'NEVER':
      return false;
    case 'PIN':
      return session.pinVerified;
    case 'KEY':
      return session.authKeys.has(rule.key ?? -1);
    case 'PIN|KEY':
      return session.pinVerified || session.authKeys.has(rule.key ?? -1);
    case 'PIN+KEY':
      return session.pinVerified && session.authKeys.has(rule.key ?? -1);
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

/** Text form used by `info` and traces, e.g. "PIN|KEY 01 +SM". */
export function formatRule(rule: AccessRule): string {
  const hex = (n: number | undefined) => (n ?? 0).toString(16).toUpperCase().padStart(2, '0');
  let text: string;
  switch (rule.kind) {
    case 'KEY':
    case 'PIN|KEY':
    case 'PIN+KEY':
      text = `${rule.kind} ${hex(rule.key)}`;
      break;
    case 'FMCOS':
      text = `FMCOS ${hex(rule.fmcos)}`;
      break;
    default:
      text = rule.kind;
  }
  return rule.sm ? `${text} +SM` : text;
}
