/**
 * Every value of the image's string unions (image/types.ts), for the code that reads them from
 * untrusted text (profiles, state files) or encodes them as a code byte. The order is the code:
 * the perso vendor extensions (docs/profile.md) send an access-rule kind and a DF lifecycle as
 * their index here, so append only.
 */
import type { AccessRule, DfLifecycle, KeyType } from './types.js';

/** All of T, exactly once: a missing member is a type error. */
type Every<T extends string, L extends readonly T[]> = [Exclude<T, L[number]>] extends [never] ? L : never;

const every =
  <T extends string>() =>
  <const L extends readonly T[]>(list: Every<T, L>): readonly T[] =>
    list;

/** Kind codes 00–06 of the `E1` rule extension. */
export const ACCESS_RULE_KINDS = every<AccessRule['kind']>()([
  'FREE',
  'NEVER',
  'PIN',
  'KEY',
  'PIN|KEY',
  'PIN+KEY',
  'FMCOS',
]);

/** Lifecycle codes 00–02 of the `E2` issue extension. */
export const DF_LIFECYCLES = every<DfLifecycle>()(['active', 'temporarily-blocked', 'permanently-blocked']);

export const KEY_TYPES = every<KeyType>()([
  'pin',
  'external-auth',
  'internal-auth',
  'line-protection',
  'pin-unblock',
  'pin-reload',
  'encrypt',
  'decrypt',
  'mac',
  'purchase',
  'load',
  'tac',
]);
