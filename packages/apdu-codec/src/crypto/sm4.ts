/**
 * SM4 (GB/T 32907-2016) written out in TypeScript, because through Node every OpenSSL call
 * costs about 2 µs of binding overhead, several times a whole SM4 block here (see
 * docs/crypto.md for the figures). Only SM4 is hand-written; DES stays with OpenSSL.
 *
 * Cross-checked against OpenSSL's `sm4-ecb` on random keys and data (test/crypto/sm4.test.ts)
 * and held to both GB/T 32907 Appendix A vectors.
 *
 * Rounds use four 256-entry tables: T(t) = L(τ(t)) is linear over the four S-box outputs, so
 * each byte's contribution L(S(b) << 24) is tabulated once and rotated for the other bytes.
 */

/** The S-box of GB/T 32907-2016 §6.2, row by row (high nibble = row). */
const SBOX_HEX =
  'D690E9FECCE13DB716B614C228FB2C05' +
  '2B679A762ABE04C3AA44132649860699' +
  '9C4250F491EF987A33540B43EDCFAC62' +
  'E4B31CA9C908E89580DF94FA758F3FA6' +
  '4707A7FCF37317BA83593C19E6854FA8' +
  '686B81B27164DA8BF8EB0F4B70569D35' +
  '1E240E5E6358D1A225227C3B01217887' +
  'D40046579FD327524C3602E7A0C4C89E' +
  'EABF8AD240C738B5A3F7F2CEF96115A1' +
  'E0AE5DA49B341A55AD933230F58CB1E3' +
  '1DF6E22E8266CA60C02923AB0D534E6F' +
  'D5DB3745DEFD8E2F03FF6A726D6C5B51' +
  '8D1BAF92BBDDBC7F11D95C411F105AD8' +
  '0AC13188A5CD7BBD2D74D012B8E5B4B0' +
  '8969974A0C96777E65B9F109C56EC684' +
  '18F07DEC3ADC4D2079EE5F3ED7CB3948';

export const SM4_SBOX: Uint8Array = Uint8Array.from({ length: 256 }, (_, i) =>
  Number.parseInt(SBOX_HEX.slice(2 * i, 2 * i + 2), 16),
);

/** System parameter FK (§7.3). */
const FK = [0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc] as const;

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** τ: the S-box on each byte of a word. */
function tau(a: number): number {
  return (
    (SM4_SBOX[a >>> 24]! << 24) |
    (SM4_SBOX[(a >>> 16) & 0xff]! << 16) |
    (SM4_SBOX[(a >>> 8) & 0xff]! << 8) |
    SM4_SBOX[a & 0xff]!
  );
}

// Round tables: T0[b] = L(S(b) << 24), T1..T3 the same rotated right by 8, 16, 24 bits.
const T0 = new Int32Array(256);
const T1 = new Int32Array(256);
const T2 = new Int32Array(256);
const T3 = new Int32Array(256);
for (let b = 0; b < 256; b++) {
  const s = SM4_SBOX[b]! << 24;
  const t = s ^ rotl(s, 2) ^ rotl(s, 10) ^ rotl(s, 18) ^ rotl(s, 24);
  T0[b] = t;
  T1[b] = rotl(t, 24);
  T2[b] = rotl(t, 16);
  T3[b] = rotl(t, 8);
}

/** The 32 encryption round keys of a 16-byte key (§7.3); decryption uses them reversed. */
export function sm4RoundKeys(key: Uint8Array): Int32Array {
  if (key.length !== 16) throw new RangeError(`SM4 key must be 16 bytes, got ${key.length}`);
  const k = [0, 1, 2, 3].map((i) => readWord(key, 4 * i) ^ FK[i]!);
  const rk = new Int32Array(32);
  for (let i = 0; i < 32; i++) {
    // CK[i] byte j = (4i + j) × 7 mod 256.
    const ck =
      (((28 * i) & 0xff) << 24) |
      (((28 * i + 7) & 0xff) << 16) |
      (((28 * i + 14) & 0xff) << 8) |
      ((28 * i + 21) & 0xff);
    const b = tau(k[1]! ^ k[2]! ^ k[3]! ^ ck);
    const next = k[0]! ^ b ^ rotl(b, 13) ^ rotl(b, 23);
    rk[i] = next;
    k.shift();
    k.push(next);
  }
  return rk;
}

/** Round keys in reverse order: SM4 decryption is encryption with them. */
export function sm4DecryptionKeys(roundKeys: Int32Array): Int32Array {
  return roundKeys.slice().reverse();
}

function readWord(b: Uint8Array, off: number): number {
  return (b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!;
}

function writeWord(b: Uint8Array, off: number, w: number): void {
  b[off] = w >>> 24;
  b[off + 1] = w >>> 16;
  b[off + 2] = w >>> 8;
  b[off + 3] = w;
}

/** One block from src[srcOff..+16) to dst[dstOff..+16); src and dst may be the same bytes. */
export function sm4Block(
  rk: Int32Array,
  src: Uint8Array,
  srcOff: number,
  dst: Uint8Array,
  dstOff: number,
): void {
  let x0 = readWord(src, srcOff);
  let x1 = readWord(src, srcOff + 4);
  let x2 = readWord(src, srcOff + 8);
  let x3 = readWord(src, srcOff + 12);
  for (let i = 0; i < 32; i += 4) {
    let t = x1 ^ x2 ^ x3 ^ rk[i]!;
    x0 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!;
    t = x2 ^ x3 ^ x0 ^ rk[i + 1]!;
    x1 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!;
    t = x3 ^ x0 ^ x1 ^ rk[i + 2]!;
    x2 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!;
    t = x0 ^ x1 ^ x2 ^ rk[i + 3]!;
    x3 ^= T0[t >>> 24]! ^ T1[(t >>> 16) & 0xff]! ^ T2[(t >>> 8) & 0xff]! ^ T3[t & 0xff]!;
  }
  // Reverse transformation R: output (X35, X34, X33, X32).
  writeWord(dst, dstOff, x3);
  writeWord(dst, dstOff + 4, x2);
  writeWord(dst, dstOff + 8, x1);
  writeWord(dst, dstOff + 12, x0);
}

/** ECB over whole blocks into a new array. */
export function sm4Ecb(rk: Int32Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let off = 0; off < data.length; off += 16) sm4Block(rk, data, off, out, off);
  return out;
}

/**
 * CBC-MAC in place with IV 0 (the caller has XOR-ed its IV into the first block): every
 * block is replaced by its ciphertext; the last block ends up holding the MAC value.
 */
export function sm4CbcInPlace(rk: Int32Array, blocks: Uint8Array): void {
  for (let off = 0; off < blocks.length; off += 16) {
    if (off > 0) for (let i = 0; i < 16; i++) blocks[off + i] = blocks[off + i]! ^ blocks[off - 16 + i]!;
    sm4Block(rk, blocks, off, blocks, off);
  }
}
