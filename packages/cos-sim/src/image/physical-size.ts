/**
 * How much of a DF's space (CREATE FILE "space") each object takes — one rule shared by the
 * profile validator (which sizes DFs) and the CREATE FILE / WRITE KEY handlers (which answer
 * 6A84 when it runs out). 09-perso.md fixes the record file's size; the rest are decisions
 * written down in docs/profile.md.
 */

import type { KeyType } from './types.js';

/** Header bytes FMCOS spends per EF. */
const EF_HEADER = 8;

/** Transparent EF: its bytes plus a header [decision, like the record file rule]. */
export function transparentFileSize(size: number): number {
  return size + EF_HEADER;
}

/** Record EF (fixed, variable, cyclic): count × (len + 1) + 8 (09-perso.md). */
export function recordFileSize(count: number, recordLength: number): number {
  return count * (recordLength + 1) + EF_HEADER;
}

/** One key in a key file: its WRITE KEY data plus the key id byte. */
export function keyRecordSize(writeKeyDataLength: number): number {
  return writeKeyDataLength + 1;
}

/** A PSAM key-table entry: usage, id, algorithm, version, 16-byte value, plus the id byte. */
export const PSAM_KEY_RECORD_SIZE = keyRecordSize(4 + 16);

/** MF space as 09-perso.md creates it (FFFF); also the most any DF may declare. */
export const MF_SPACE = 0xffff;

/** Length of the WRITE KEY data (record) for a key of this type and value length. */
export function writeKeyDataLength(type: KeyType, valueLength: number): number {
  return 5 + (type === 'pin' ? valueLength : 16);
}
