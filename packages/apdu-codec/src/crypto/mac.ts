/**
 * Line-protection MAC of 04-crypto (steps 1-4) and the RELOAD PIN MAC.
 *
 * 3DES is ISO 9797-1 MAC algorithm 3 ("retail MAC"): CBC with single DES under L(K), then
 * V = E(L(K), D(R(K), V)) on the last value. Since E_L(D_R(E_L(y))) is two-key EDE under K,
 * it runs as single-DES CBC over all blocks but the last, then one 3DES ECB block on the
 * last one — two OpenSSL calls whatever the length. SM4 is plain CBC-MAC under K, in
 * place in the scratch buffer with the TypeScript SM4 (no OpenSSL call, no allocation but
 * the scratch and the 4-byte result).
 */
import { type Algorithm, blockSize, checkKey } from './algorithm.js';
import { cbcMacInPlace, ciphersFor, desEcbEncryptInternal, sm4EncryptionKeys } from './cipher-cache.js';
import { sm4CbcInPlace } from './sm4.js';

/**
 * How the 4 MAC bytes are taken from the last block: the leftmost 4 (the card contract's
 * rule), or every 4-byte group XOR-ed together (the PKI application's SM4 variant, a
 * profile option).
 */
export type MacTruncation = 'left4' | 'xor-fold';

/** Length of every MAC on the wire. */
export const MAC_LENGTH = 4;

/** The MAC IV from a challenge: the first blockSize bytes of `R ‖ 00…`. */
export function macIv(alg: Algorithm, challenge: Uint8Array): Uint8Array {
  const iv = new Uint8Array(blockSize(alg));
  iv.set(challenge.length > iv.length ? challenge.subarray(0, iv.length) : challenge);
  return iv;
}

/**
 * A zeroed scratch buffer for a MAC over `messageLength` bytes: room for the message and its
 * `80 00…` padding, always at least one byte of padding. Fill bytes [0, messageLength) and
 * pass it to macOfScratch; this lets callers assemble header ‖ data without another copy.
 */
export function macScratch(alg: Algorithm, messageLength: number): Uint8Array {
  return new Uint8Array(paddedLength(blockSize(alg), messageLength));
}

/** Length of a message padded with `80 00…` (always at least one byte of padding). */
function paddedLength(bs: number, messageLength: number): number {
  return (Math.floor(messageLength / bs) + 1) * bs;
}

/**
 * The MAC of the message held in `scratch[0, messageLength)`; consumes (overwrites) the
 * scratch. The IV is the first block-size bytes of `ivSource ‖ 00…`, so a challenge can be
 * passed as it is (macIv's rule) without building the IV first.
 */
export function macOfScratch(
  alg: Algorithm,
  key: Uint8Array,
  ivSource: Uint8Array,
  scratch: Uint8Array,
  messageLength: number,
  truncation: MacTruncation = 'left4',
): Uint8Array {
  checkKey(alg, key);
  const bs = blockSize(alg);
  if (scratch.length !== paddedLength(bs, messageLength))
    throw new RangeError('MAC scratch has the wrong size');
  scratch[messageLength] = 0x80;
  for (let i = messageLength + 1; i < scratch.length; i++) scratch[i] = 0;
  // XOR-ed after the padding is written: a header-only message is shorter than the IV.
  const ivLength = Math.min(bs, ivSource.length);
  for (let i = 0; i < ivLength; i++) scratch[i] = scratch[i]! ^ ivSource[i]!;
  const entry = ciphersFor(alg, key);
  const lastStart = scratch.length - bs;
  if (alg === 'sm4') {
    // Indices rather than subarray views: creating a view costs more than a block here.
    sm4CbcInPlace(sm4EncryptionKeys(entry), scratch);
    return truncate(scratch, lastStart, bs, truncation);
  }
  // Retail MAC: single-DES CBC over all but the last block, then the last block under
  // two-key EDE, which equals E(L, D(R, E(L, y))).
  if (lastStart > 0) {
    const chained = cbcMacInPlace(entry, scratch.subarray(0, lastStart));
    for (let i = 0; i < bs; i++) scratch[lastStart + i] = scratch[lastStart + i]! ^ chained[i]!;
  }
  return truncate(desEcbEncryptInternal(entry, scratch.subarray(lastStart)), 0, bs, truncation);
}

/** The 4 MAC bytes from the last block, held at `block[offset, offset + bs)`. */
function truncate(block: Uint8Array, offset: number, bs: number, truncation: MacTruncation): Uint8Array {
  const mac = new Uint8Array(MAC_LENGTH);
  if (truncation === 'left4') {
    for (let i = 0; i < MAC_LENGTH; i++) mac[i] = block[offset + i]!;
  } else {
    for (let i = 0; i < bs; i++) mac[i & 3] = mac[i & 3]! ^ block[offset + i]!;
  }
  return mac;
}

/** Line-protection MAC (04-crypto steps 2-4) of `message`: always pads `80 00…`, 4 bytes. */
export function lineMac(
  alg: Algorithm,
  key: Uint8Array,
  iv: Uint8Array,
  message: Uint8Array,
  truncation: MacTruncation = 'left4',
): Uint8Array {
  if (iv.length !== blockSize(alg))
    throw new RangeError(`${alg} MAC IV must be ${blockSize(alg)} bytes, got ${iv.length}`);
  return macOfMessage(alg, key, iv, message, truncation);
}

/** The MAC of the whole `message` (copied into a fresh scratch), the IV from `ivSource` as macOfScratch takes it. */
export function macOfMessage(
  alg: Algorithm,
  key: Uint8Array,
  ivSource: Uint8Array,
  message: Uint8Array,
  truncation: MacTruncation = 'left4',
): Uint8Array {
  const scratch = macScratch(alg, message.length);
  scratch.set(message);
  return macOfScratch(alg, key, ivSource, scratch, message.length, truncation);
}

/** Writes `CLA INS P1 P2 Lc'` (Lc' = data length + 4) at the start of `out`. */
export function writeMacHeader(
  out: Uint8Array,
  cla: number,
  ins: number,
  p1: number,
  p2: number,
  dataLength: number,
): void {
  const lc = dataLength + MAC_LENGTH;
  if (lc > 0xff) throw new RangeError(`data of ${dataLength} bytes plus a MAC does not fit a short APDU`);
  out[0] = cla;
  out[1] = ins;
  out[2] = p1;
  out[3] = p2;
  out[4] = lc;
}

/** The MAC input `CLA INS P1 P2 Lc'` ‖ data (Lc' = data length + 4, the MAC's own length). */
export function macInput(cla: number, ins: number, p1: number, p2: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + data.length);
  writeMacHeader(out, cla, ins, p1, p2, data.length);
  out.set(data, 5);
  return out;
}

/**
 * RELOAD PIN MAC over `newPIN ‖ 80 00…` with IV 0. 3DES (PBOC): single DES under L(K)⊕R(K),
 * which is the retail MAC with an 8-byte key. SM4: CBC-MAC under K.
 */
export function reloadPinMac(alg: Algorithm, key: Uint8Array, newPin: Uint8Array): Uint8Array {
  checkKey(alg, key);
  let macKey = key;
  if (alg === '3des' && key.length === 16) {
    macKey = new Uint8Array(8);
    for (let i = 0; i < 8; i++) macKey[i] = key[i]! ^ key[8 + i]!;
  }
  return lineMac(alg, macKey, new Uint8Array(blockSize(alg)), newPin);
}
