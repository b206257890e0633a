/**
 * Keys are kept in one canonical order — by id, then FMCOS type byte — whatever order they were
 * written in, so an image built from a profile equals one personalised key by key.
 */

import { KEY_TYPE_BYTE } from './key-type-byte.js';
import type { KeyObject } from './types.js';

export function compareKeys(a: KeyObject, b: KeyObject): number {
  return a.id - b.id || KEY_TYPE_BYTE[a.type] - KEY_TYPE_BYTE[b.type];
}

/** `keys` with `key` added or (same id and type) replaced, in canonical order. */
export function withKey(keys: readonly KeyObject[], key: KeyObject): KeyObject[] {
  const out = keys.filter((k) => !(k.id === key.id && k.type === key.type));
  out.push(key);
  return out.sort(compareKeys);
}
