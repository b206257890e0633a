/**
 * What a host playing the terminal may know of a profile: its MASTER keys and its key table
 * (which DF, id, type, family, master and PSAM slot each card key has). Cards themselves hold
 * only diversified keys; deriveCardKey (diversification.ts) turns a master into one.
 */
import type { KeyType } from '../image/types.js';
import { isDfSpec, type KeyFamily, type Profile } from './types.js';

export interface KeyTableEntry {
  /** FIDs from the MF (excluded) down to the DF holding the key; [] for the MF (SSSE). */
  dfPath: number[];
  /** FID of that DF (3F00 for the MF). */
  dfFid: number;
  id: number;
  type: KeyType;
  /** null for the PIN. */
  family: KeyFamily | null;
  masterName: string | null;
  /** The 16-byte master key; null for the PIN. */
  master: Uint8Array | null;
  /** The PSAM key (usage byte, id) holding the master, if the profile says. */
  psam: { usage: number; id: number } | null;
}

/** Every card key of the profile, DF by DF from the MF down, in profile order. */
export function profileKeyTable(profile: Profile): KeyTableEntry[] {
  const out: KeyTableEntry[] = [];
  const walk = (df: Profile['mf'], path: number[]): void => {
    for (const k of df.keys) {
      out.push({
        dfPath: path,
        dfFid: df.fid,
        id: k.id,
        type: k.type,
        family: k.family,
        masterName: k.master,
        master: k.master === null ? null : profile.masters[k.master]!.slice(),
        psam: k.psam === null ? null : { ...k.psam },
      });
    }
    for (const child of df.children) if (isDfSpec(child)) walk(child, [...path, child.fid]);
  };
  walk(profile.mf, []);
  return out;
}

/** The profile's master keys by name (copies). */
export function profileMasters(profile: Profile): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(profile.masters).map(([name, key]) => [name, key.slice()]));
}
