/**
 * Master keys. The published test masters (06-keys.md) are the first 16 bytes of
 * SHA-256("ssc-cos test " + name); a profile may give a master by that label or by its hex value.
 */
import { createHash } from 'node:crypto';

export const TEST_MASTER_LABEL_PREFIX = 'ssc-cos test ';

/** First 16 bytes of SHA-256 of the ASCII label. */
export function masterFromLabel(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(label, 'latin1').digest().subarray(0, 16));
}

/** The test master key named `name` in 06-keys.md (e.g. "MP-PUK", "MP-RK-DF04"). */
export function testMasterKey(name: string): Uint8Array {
  return masterFromLabel(TEST_MASTER_LABEL_PREFIX + name);
}
