/**
 * Finding key objects: by id and type in a DF ("Key ids are unique per type within a DF",
 * 09-perso.md), or in the nearest DF of the current chain that holds one (the SSSE PIN is used
 * from inside the zones). Keys never leave this module's callers in a response.
 */
import type { DedicatedFile, KeyObject, KeyType } from '../image/types.js';

/** A key and the depth of its DF in the current DF chain (0 = MF), for writing it back. */
export interface KeyRef {
  key: KeyObject;
  depth: number;
}

export const LINE_PROTECTION_KEY_ID = 0x03;
export const PIN_KEY_ID = 0x00;

export function keyIn(df: DedicatedFile, id: number, type: KeyType): KeyObject | undefined {
  const keys = df.keys;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k.id === id && k.type === type) return k;
  }
  return undefined;
}

export function keyOfTypeIn(df: DedicatedFile, type: KeyType): KeyObject | undefined {
  return df.keys.find((k) => k.type === type);
}

/** The key in the current DF, else in the nearest DF above it. */
export function keyInChain(path: readonly DedicatedFile[], id: number, type: KeyType): KeyRef | undefined {
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const key = keyIn(path[depth]!, id, type);
    if (key) return { key, depth };
  }
  return undefined;
}

/** A key with a retry counter that has none left (03-security.md: 6983). */
export function keyBlocked(key: KeyObject): boolean {
  return key.maxTries > 0 && key.triesLeft === 0;
}
