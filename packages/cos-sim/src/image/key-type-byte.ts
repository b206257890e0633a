/**
 * The FMCOS key type byte of each key type (WRITE KEY, 09-perso.md). It is also the key order
 * of an image (image/key-order.ts), so it lives with the image, not with the perso encoder.
 */
import type { KeyType } from './types.js';

export const KEY_TYPE_BYTE: Record<KeyType, number> = {
  encrypt: 0x30,
  decrypt: 0x31,
  mac: 0x32,
  'internal-auth': 0x34,
  'line-protection': 0x36,
  'pin-unblock': 0x37,
  'pin-reload': 0x38,
  'external-auth': 0x39,
  pin: 0x3a,
  purchase: 0x3e,
  load: 0x3f,
  // 34 as internal-auth; in a DF with a passbook it is read back as 'tac' (perso/fmcos-layout keyTypeInDf).
  tac: 0x34,
};
