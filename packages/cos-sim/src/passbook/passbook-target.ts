/**
 * The passbook a command acts on: the one of the current DF (DF04 on the built-in cards). A
 * DF without one answers 6A82 [decision: the passbook is a file of its DF, FMCOS type 2F,
 * that is not there]. The keys of 12-payment: DLK (type `load`), DPK (`purchase`), DTK (`tac`),
 * found by key index = key id in the same DF.
 */
import type { CommandContext } from '../engine/context.js';
import { SW_FILE_NOT_FOUND } from '../engine/status.js';
import type { AccessRule, DedicatedFile, KeyObject, PassbookState, RecordFile } from '../image/types.js';
import { keyIn, keyOfTypeIn } from '../security/keys.js';
import { LOG_FID } from './transaction-log.js';

export interface PassbookTarget {
  readonly df: DedicatedFile;
  /** Depth of the DF in the current chain, where the transaction's writes go. */
  readonly depth: number;
  readonly passbook: PassbookState;
  /** EF08, the log the card writes; null when the DF has none (nothing is logged then). */
  readonly log: RecordFile | null;
}

/** 12-payment: every passbook command needs the SSSE PIN. */
export const PASSBOOK_ACCESS: AccessRule = { kind: 'PIN', sm: false };

export function passbookHere(ctx: CommandContext): PassbookTarget | number {
  const path = ctx.session.dfPath;
  const df = path[path.length - 1]!;
  const passbook = df.passbook;
  if (passbook === undefined) return SW_FILE_NOT_FOUND;
  const log = df.children.find((c): c is RecordFile => c.fid === LOG_FID && c.type === 'cyclic') ?? null;
  return { df, depth: path.length - 1, passbook, log };
}

export function purchaseKeyIn(df: DedicatedFile, index: number): KeyObject | undefined {
  return keyIn(df, index, 'purchase');
}

export function loadKeyIn(df: DedicatedFile, index: number): KeyObject | undefined {
  return keyIn(df, index, 'load');
}

/** The DF's TAC key (one per passbook). */
export function tacKeyIn(df: DedicatedFile): KeyObject | undefined {
  return keyOfTypeIn(df, 'tac');
}
