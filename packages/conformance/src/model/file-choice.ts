/** Which file a generated command names in the current DF, and what the rules say about it. */

import type { EfDescription } from '../description/card-description.js';
import { ruleAllows } from '../kit/access-rules.js';
import type { ModelState } from './model-state.js';

export function modelEfBySfi(m: ModelState, sfi: number): EfDescription | undefined {
  return m.currentDf.efs.find((e) => e.sfi === sfi);
}

/** SFIs a command may name in the current DF: its own, plus one that is absent. */
export function sfiChoices(m: ModelState): number[] {
  return [...m.currentDf.efs.filter((e) => e.sfi !== null).map((e) => e.sfi!), 0x1d];
}

/** The SFI a generated index picks in the current DF, and the EF it names (undefined: absent). */
export function pickSfi(m: ModelState, sfiIndex: number): { sfi: number; ef: EfDescription | undefined } {
  const sfis = sfiChoices(m);
  const sfi = sfis[sfiIndex % sfis.length]!;
  return { sfi, ef: modelEfBySfi(m, sfi) };
}

/** The model's records of that EF (none for an absent or transparent file). */
export function recordsOf(m: ModelState, ef: EfDescription | undefined): Uint8Array[] {
  return ef ? (m.records.get(ef) ?? []) : [];
}

/**
 * 02-commands §Order of checks 8 then 9: an unsatisfied rule answers 6982; a satisfied `+SM`
 * rule reached with a plain CLA answers 6987 (the model only sends plain commands); else null.
 */
export function securityStatus(m: ModelState, ef: EfDescription, op: 'read' | 'write'): string | null {
  const rule = op === 'read' ? ef.read : ef.write;
  if (ruleAllows(rule, { pinVerified: m.pinVerified, authKeys: m.authKeys }) !== true) return '6982';
  return rule.sm ? '6987' : null;
}
