/**
 * What the suite knows about the card under test: the files, records, rules and keys a
 * profile promises. It is plain data (no behaviour), built once per run from the profile, and
 * is the only input of the reference model and of the requirement cases.
 */
import { type Algorithm, blockSize } from '@ssc-cos/apdu-codec/crypto';
import { hexWord } from '../bytes.js';

/**
 * One access right of 03-security.md, as the suite describes it: its own type, not cos-sim's
 * image AccessRule, so the reference model stays independent of the simulator.
 */
export interface AccessRuleDescription {
  kind: 'FREE' | 'NEVER' | 'PIN' | 'KEY' | 'PIN|KEY' | 'PIN+KEY' | 'FMCOS';
  key?: number;
  fmcos?: number;
  sm: boolean;
}

export type EfKind = 'transparent' | 'variable' | 'fixed' | 'cyclic';

export interface EfDescription {
  fid: number;
  sfi: number | null;
  kind: EfKind;
  /** Transparent size in bytes (0 for record files). */
  size: number;
  /** Record length (fixed, cyclic) or maximum record length (variable). */
  recordLength: number;
  maxRecords: number;
  read: AccessRuleDescription;
  write: AccessRuleDescription;
  /** Initial records; records[0] is record 1 (the newest for cyclic files). */
  records: Uint8Array[];
  /** Initial transparent content; null = never written (reads as zeros). */
  data: Uint8Array | null;
}

export type KeyRole =
  | 'pin'
  | 'external-auth'
  | 'internal-auth'
  | 'line-protection'
  | 'pin-unblock'
  | 'pin-reload'
  | 'encrypt'
  | 'decrypt'
  | 'mac'
  | 'purchase'
  | 'load'
  | 'tac';

export interface KeyDescription {
  /** The DF holding the key (3F00 for the MF). */
  df: number;
  id: number;
  role: KeyRole;
  /** Retry counter (0 = none). */
  tries: number;
  /**
   * A PIN's own digits (the PKI ADF's admin PIN, 11-pki.md); null for the cardholder's PIN
   * (`CardDescription.pin`) and every key that is not a PIN.
   */
  pin: string | null;
  /** Name of its master key in `CardDescription.masters`; null for the PIN. */
  master: string | null;
  /** The card's (diversified) key when the suite has master keys; null for the PIN. */
  value: Uint8Array | null;
  /** The PSAM key (usage byte, id) that holds its master, when known. */
  psam: { usage: number; id: number } | null;
  /** Diversification levels: 2 = ministry (city, card), 1 = province (card). */
  levels: 1 | 2;
}

/** A DF's life cycle as the suite describes it (cos-sim's image has its own DfLifecycle). */
export type LifecycleDescription = 'active' | 'temporarily-blocked' | 'permanently-blocked';

export interface DfDescription {
  fid: number;
  name: Uint8Array | null;
  lifecycle: LifecycleDescription;
  keys: KeyDescription[];
  efs: EfDescription[];
  dfs: DfDescription[];
}

export interface CardDescription {
  profile: string;
  algorithm: Algorithm;
  transport: 'T0' | 'T1';
  challengeLengths: number[];
  maxLc: number;
  maxLe: number;
  sm4MacTruncation: 'left4' | 'xor-fold';
  atr: Uint8Array;
  pin: { digits: string; tries: number };
  keyTries: number;
  /** Diversification factors (04-crypto.md). */
  cardFactor: Uint8Array;
  cityFactor: Uint8Array;
  /** 04-crypto [decision]: which factor a ministry key is diversified with first. */
  diversificationOrder: 'city-then-card' | 'card-then-city';
  /** The profile's master keys by name (06-keys.md), for the master-key source. */
  masters: Readonly<Record<string, Uint8Array>>;
  mf: DfDescription;
}

// The SSSE's own name (01-card.md) is the terminal's: one definition for both.
export { SSSE_NAME } from '@ssc-cos/terminal';

export function blockSizeOf(card: CardDescription): 8 | 16 {
  return blockSize(card.algorithm);
}

/** Every DF of the tree, MF first, each with its parent path. */
export function allDfs(card: CardDescription): DfDescription[] {
  const out: DfDescription[] = [];
  const walk = (df: DfDescription): void => {
    out.push(df);
    for (const child of df.dfs) walk(child);
  };
  walk(card.mf);
  return out;
}

/** The DFs from below `from` down to `df` (empty for `from` itself), or null if `df` is not under it. */
export function pathBelow(from: DfDescription, df: DfDescription): DfDescription[] | null {
  if (from === df) return [];
  for (const child of from.dfs) {
    const below = pathBelow(child, df);
    if (below !== null) return [child, ...below];
  }
  return null;
}

/**
 * A DF's label: "MF", else its FIDs down from the MF ("DF01", "DDF1/DF01"). A bare FID is not
 * enough: FIDs are unique among siblings only (ssc-3g has a zone DF01 and the PKI ADF DDF1/DF01).
 */
export function dfLabel(mf: DfDescription, df: DfDescription): string {
  if (df === mf) return 'MF';
  const path = pathBelow(mf, df);
  if (path === null) throw new Error(`DF ${hexWord(df.fid)} is not in the card's tree`);
  return path.map((step) => hexWord(step.fid)).join('/');
}

export function findDf(card: CardDescription, fid: number): DfDescription | undefined {
  return allDfs(card).find((df) => df.fid === fid);
}

export function keyOf(df: DfDescription, id: number, role?: KeyRole): KeyDescription | undefined {
  return df.keys.find((k) => k.id === id && (role === undefined || k.role === role));
}

// PIN digits → the BCD, F-padded bytes VERIFY carries: the codec's encoding (02-commands.md).
export { pinBytes } from '@ssc-cos/apdu-codec';
