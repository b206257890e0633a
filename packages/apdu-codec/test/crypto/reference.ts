/**
 * Straightforward reference versions of the MACs, composed block by block from encryptEcb
 * and decryptEcb exactly as 04-crypto words them. The module computes the same values with
 * cached OpenSSL CBC objects and the EDE shortcut; the property tests compare the two.
 */
import { type Algorithm, blockSize, decryptEcb, encryptEcb } from '../../src/crypto/index.js';

export function pad80(alg: Algorithm, message: Uint8Array): Uint8Array {
  const bs = blockSize(alg);
  const out = new Uint8Array((Math.floor(message.length / bs) + 1) * bs);
  out.set(message);
  out[message.length] = 0x80;
  return out;
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((x, i) => x ^ b[i]!);
}

/** The full last block of 04-crypto steps 2-3 (before truncation). */
export function referenceMacBlock(
  alg: Algorithm,
  key: Uint8Array,
  iv: Uint8Array,
  message: Uint8Array,
): Uint8Array {
  const bs = blockSize(alg);
  const padded = pad80(alg, message);
  const left = key.subarray(0, 8);
  const right = key.length === 16 ? key.subarray(8, 16) : left;
  let v = iv;
  for (let off = 0; off < padded.length; off += bs) {
    const x = xor(v, padded.subarray(off, off + bs));
    v = alg === 'sm4' ? encryptEcb('sm4', key, x) : encryptEcb('3des', left, x);
  }
  if (alg === '3des') v = encryptEcb('3des', left, decryptEcb('3des', right, v));
  return v;
}

export function referenceLineMac(
  alg: Algorithm,
  key: Uint8Array,
  iv: Uint8Array,
  message: Uint8Array,
): Uint8Array {
  return referenceMacBlock(alg, key, iv, message).slice(0, 4);
}

export function not(bytes: Uint8Array): Uint8Array {
  return bytes.map((b) => ~b & 0xff);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** A copy with one bit flipped (bit 0 = most significant bit of byte 0). */
export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[bit >> 3] = out[bit >> 3]! ^ (0x80 >> (bit & 7));
  return out;
}
