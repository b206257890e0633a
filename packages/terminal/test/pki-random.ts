/** A reproducible random source for the test CA (SM3 of seed ‖ counter): the same certificates every run. */
import { createHash } from 'node:crypto';
import type { RandomSource } from '@ssc-cos/apdu-codec/crypto';

export function seededRandomForTests(seed: number): RandomSource {
  let counter = 0;
  return (length) => {
    const out = new Uint8Array(length);
    for (let at = 0; at < length; at += 32) {
      const block = createHash('sm3').update(`${seed}:${counter++}`).digest();
      out.set(block.subarray(0, Math.min(32, length - at)), at);
    }
    return out;
  };
}
