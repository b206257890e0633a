/**
 * Access rules as profiles write them ("FREE", "PIN|KEY 01 +SM", "FMCOS F1") ⇄ the image's
 * AccessRule (03-security.md). The only place that parses or prints rule text.
 */
import { hexByte } from '@ssc-cos/apdu-codec';
import type { AccessRule } from './types.js';

const RULE_PATTERN =
  /^(FREE|NEVER|PIN|KEY ([0-9A-F]{2})|PIN\|KEY ([0-9A-F]{2})|PIN\+KEY ([0-9A-F]{2})|FMCOS ([0-9A-F]{2}))( \+SM)?$/;

/**
 * The one constructor of AccessRule objects, so rules built from a profile and rules decoded from
 * a CREATE FILE are identical field by field (same properties, same order: serialised images
 * compare byte for byte).
 */
export function accessRule(kind: AccessRule['kind'], param: number, sm: boolean): AccessRule {
  switch (kind) {
    case 'KEY':
    case 'PIN|KEY':
    case 'PIN+KEY':
      return { kind, key: param, sm };
    case 'FMCOS':
      return { kind, fmcos: param, sm };
    default:
      return { kind, sm };
  }
}

/** Parses rule text; returns an error reason (no path) instead of throwing. */
export function parseAccessRule(text: string): AccessRule | string {
  const normalised = text.trim().replace(/\s+/g, ' ').toUpperCase();
  const m = RULE_PATTERN.exec(normalised);
  if (m === null) {
    return `"${text}" is not an access rule (FREE, NEVER, PIN, KEY kk, PIN|KEY kk, PIN+KEY kk, FMCOS xy, each optionally +SM)`;
  }
  const sm = m[6] !== undefined;
  const head = m[1]!;
  if (head === 'FREE' || head === 'NEVER' || head === 'PIN') return accessRule(head, 0, sm);
  if (m[2] !== undefined) return accessRule('KEY', Number.parseInt(m[2], 16), sm);
  if (m[3] !== undefined) return accessRule('PIN|KEY', Number.parseInt(m[3], 16), sm);
  if (m[4] !== undefined) return accessRule('PIN+KEY', Number.parseInt(m[4], 16), sm);
  return accessRule('FMCOS', Number.parseInt(m[5]!, 16), sm);
}

/** Canonical text of a rule (what `info` prints and what parseAccessRule reads back). */
export function formatAccessRule(rule: AccessRule): string {
  let text: string;
  switch (rule.kind) {
    case 'KEY':
    case 'PIN|KEY':
    case 'PIN+KEY':
      text = `${rule.kind} ${hexByte(rule.key ?? 0)}`;
      break;
    case 'FMCOS':
      text = `FMCOS ${hexByte(rule.fmcos ?? 0)}`;
      break;
    default:
      text = rule.kind;
  }
  return rule.sm ? `${text} +SM` : text;
}

/** FMCOS byte meaning "always" (X=F ≥ Y=0: any register value) and "never" (X=E < Y=F). */
export const FMCOS_FREE = 0xf0;
export const FMCOS_NEVER = 0xef;
/**
 * Follow-up state every PIN and external-authentication key of the built-in profiles sets
 * (06-keys.md: follow-up state 1), so "register ≥ 1" is the nearest byte to PIN and KEY rules.
 */
export const FMCOS_AUTHENTICATED = 0xf1;

/**
 * The nearest single FMCOS access byte (09-perso.md) for a rule. Exact for FREE, NEVER and
 * FMCOS; PIN, KEY k, PIN|KEY k and PIN+KEY k all become "state ≥ 1", which is why `perso`
 * also sends the exact rule in its vendor extension.
 */
export function nearestFmcosByte(rule: AccessRule): number {
  switch (rule.kind) {
    case 'FREE':
      return FMCOS_FREE;
    case 'NEVER':
      return FMCOS_NEVER;
    case 'FMCOS':
      return rule.fmcos ?? FMCOS_NEVER;
    default:
      return FMCOS_AUTHENTICATED;
  }
}

/** True when one FMCOS byte says everything the rule says (no +SM, kind FMCOS). */
export function isPlainFmcosRule(rule: AccessRule): boolean {
  return rule.kind === 'FMCOS' && !rule.sm;
}
