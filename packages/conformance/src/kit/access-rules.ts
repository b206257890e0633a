/** The suite's own reading of 03-security.md §Access rules (FMCOS bytes are not modelled). */
import { hexByte } from '@ssc-cos/apdu-codec';
import type { AccessRuleDescription } from '../description/card-description.js';

export interface SecurityState {
  pinVerified: boolean;
  authKeys: ReadonlySet<number>;
}

/** true/false, or null when the rule is an FMCOS byte the suite does not model. */
export function ruleAllows(rule: AccessRuleDescription, s: SecurityState): boolean | null {
  const key = rule.key !== undefined && s.authKeys.has(rule.key);
  switch (rule.kind) {
    case 'FREE':
      return true;
    case 'NEVER':
      return false;
    case 'PIN':
      return s.pinVerified;
    case 'KEY':
      return key;
    case 'PIN|KEY':
      return s.pinVerified || key;
    case 'PIN+KEY':
      return s.pinVerified && key;
    default:
      return null;
  }
}

export function formatRule(rule: AccessRuleDescription): string {
  const base = rule.key === undefined ? rule.kind : `${rule.kind} ${hexByte(rule.key)}`;
  return rule.sm ? `${base} +SM` : base;
}
