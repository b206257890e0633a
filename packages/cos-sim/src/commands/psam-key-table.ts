/**
 * The PSAM's key table (05-psam.md "Card image"): lookup by (usage, id) in the current DF,
 * the meaning of the usage byte, and the derivation of a card key from the factors the
 * terminal sends (listed card-first, applied from the last one to the first).
 */
import { diversifyChain } from '@ssc-cos/apdu-codec/crypto';
import type { CommandContext } from '../engine/context.js';
import type { Command } from '../engine/handler.js';
import { SW_KEY_NOT_FOUND } from '../engine/status.js';
import type { WorkingKey } from '../engine/working-key.js';
import { usageKeyType, usageLevels } from '../image/psam-usage.js';
import type { DedicatedFile, PsamKey } from '../image/types.js';

/** Each diversification factor is one 8-byte block on the wire. */
export const FACTOR_LENGTH = 8;

/** Key types of the usage byte's low 5 bits (05-psam.md). */
export const PSAM_KEY_TYPE = {
  master: 0x00,
  pinUnblock: 0x03,
  pinReload: 0x04,
  applicationMaintenance: 0x05,
  encryption: 0x07,
  macEncryption: 0x08,
} as const;

/** The table entry (usage, id) of the current DF, or undefined (→ 6A88). */
export function findPsamKey(df: DedicatedFile, usage: number, id: number): PsamKey | undefined {
  const table = df.psamKeys;
  if (table === undefined) return undefined;
  for (const key of table) if (key.usage === usage && key.id === id) return key;
  return undefined;
}

/** Step 7 of INIT FOR DESCRYPT and SESSION INIT: the entry (usage P1, id P2), else 6A88. */
export function resolvePsamKey(cmd: Command, ctx: CommandContext): PsamKey | number {
  return findPsamKey(ctx.session.currentDf, cmd.p1, cmd.p2) ?? SW_KEY_NOT_FOUND;
}

/** The working key made from table entry `entry`: its card key, or (SESSION INIT) a session key. */
export function workingKeyFrom(entry: PsamKey, value: Uint8Array, session: boolean): WorkingKey {
  return {
    value,
    algorithm: entry.algorithm,
    keyType: usageKeyType(entry.usage),
    levels: usageLevels(entry.usage),
    session,
  };
}

/**
 * K = the master diversified by `factors` (levels × 8 bytes, card factor first): the last
 * factor (the city's, for a ministry key) is applied first, the card's last.
 */
export function cardKeyFromFactors(entry: PsamKey, factors: Uint8Array): Uint8Array {
  const levels = factors.length / FACTOR_LENGTH;
  const chain: Uint8Array[] = [];
  for (let i = levels - 1; i >= 0; i--)
    chain.push(factors.subarray(i * FACTOR_LENGTH, (i + 1) * FACTOR_LENGTH));
  return diversifyChain(entry.algorithm, entry.value, chain);
}
