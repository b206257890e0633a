/**
 * Who may personalise a DF (CREATE FILE, WRITE KEY, ERASE DF). 02-commands.md: the DF's master
 * key (KEY 0F) "unless the DF is still empty". [decision, docs/profile.md] A DF counts as open
 * until its master key — the external-authentication key 0F — is installed: that is FMCOS's
 * fresh-DF rule, and it lets one static script install every key of a DF, the master last.
 */

import { accessRule } from '../image/access-rule.js';
import type { AccessRule, DedicatedFile, KeyObject } from '../image/types.js';

export const MASTER_KEY_ID = 0x0f;
const MASTER_KEY_RULE = accessRule('KEY', MASTER_KEY_ID, false);

export function masterKeyOf(df: DedicatedFile): KeyObject | undefined {
  return df.keys.find((k) => k.id === MASTER_KEY_ID && k.type === 'external-auth');
}

export function isOpenDf(df: DedicatedFile): boolean {
  return masterKeyOf(df) === undefined;
}

/** The rule a management command must meet in `df`: FREE while open, else KEY 0F. */
export function managementRule(df: DedicatedFile): AccessRule {
  return isOpenDf(df) ? accessRule('FREE', 0, false) : MASTER_KEY_RULE;
}
