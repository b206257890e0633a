/** SM3 (GM/T 0004-2012, GB/T 32905) from OpenSSL through node:crypto. */
import { createHash } from 'node:crypto';

export const SM3_LENGTH = 32;

export function sm3(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sm3').update(data).digest());
}
