/**
 * Per-key cipher state, cached: OpenSSL cipher objects for 3DES (creating one costs ~4 µs,
 * more than the block operation) and SM4 round keys for the TypeScript SM4 (sm4.ts). The
 * card runs a MAC per `+SM` APDU, so each key keeps its state.
 *
 * Lookup is first by array identity (a WeakMap, so the card's image keys hit without any
 * string work), then by value (a bounded Map, for callers that pass fresh arrays with the
 * same bytes). An entry keeps a private copy of the key and is checked against it on every
 * hit, so a caller that mutates its key array in place gets a fresh entry, never a stale one.
 *
 * 3DES ECB objects run with padding off and are never finalised: every update() is whole
 * blocks, so no state carries from one call to the next. The 3DES CBC object used for MACs
 * does carry its chaining value; `cbcMacInPlace` cancels it by XOR-ing it into the first
 * block, which makes one OpenSSL call per MAC chain instead of one per block.
 */

import { type Cipher, createCipheriv, createDecipheriv, type Decipher } from 'node:crypto';
import { sameBytes } from '../hex.js';
import type { Algorithm } from './algorithm.js';
import { sm4CbcInPlace, sm4DecryptionKeys, sm4Ecb, sm4RoundKeys } from './sm4.js';

export interface KeyCiphers {
  readonly alg: Algorithm;
  /** Private copy of the key bytes this entry was built from. */
  readonly key: Uint8Array;
  /** 3DES: OpenSSL ECB under the whole key (single DES as EDE with K‖K). */
  ecbEncryptor: Cipher | undefined;
  ecbDecryptor: Decipher | undefined;
  /** 3DES: OpenSSL CBC under single DES L(K), the retail MAC's chaining. */
  cbcEncryptor: Cipher | undefined;
  /** The chaining value the CBC object holds now (its last output block); overwritten by every MAC. */
  readonly cbcChain: Uint8Array;
  /** SM4 round keys, encryption and decryption order. */
  sm4Encrypt: Int32Array | undefined;
  sm4Decrypt: Int32Array | undefined;
}

/** Bound of the by-value map; beyond it the oldest entry goes. Array-identity hits are unbounded (weak). */
const MAX_BY_VALUE = 512;
const byArray = new WeakMap<Uint8Array, KeyCiphers>();
const byValue = new Map<string, KeyCiphers>();

/** The cache entry for (alg, key). The key must already be checked (checkKey). */
export function ciphersFor(alg: Algorithm, key: Uint8Array): KeyCiphers {
  const hit = byArray.get(key);
  if (hit !== undefined && hit.alg === alg && sameBytes(hit.key, key)) return hit;
  const valueKey = alg + Buffer.from(key.buffer, key.byteOffset, key.length).toString('latin1');
  let entry = byValue.get(valueKey);
  if (entry === undefined) {
    entry = {
      alg,
      key: Uint8Array.from(key),
      ecbEncryptor: undefined,
      ecbDecryptor: undefined,
      cbcEncryptor: undefined,
      cbcChain: new Uint8Array(8),
      sm4Encrypt: undefined,
      sm4Decrypt: undefined,
    };
    if (byValue.size >= MAX_BY_VALUE) {
      const oldest = byValue.keys().next();
      if (!oldest.done) byValue.delete(oldest.value);
    }
    byValue.set(valueKey, entry);
  }
  byArray.set(key, entry);
  return entry;
}

/** 3DES key bytes for OpenSSL's two-key EDE: K itself, or K‖K for single DES. */
function edeKey(key: Uint8Array): Uint8Array {
  if (key.length === 16) return key;
  const doubled = new Uint8Array(16);
  doubled.set(key);
  doubled.set(key, 8);
  return doubled;
}

/** Wraps an OpenSSL output Buffer as a plain Uint8Array (no copy), so callers never get Buffer semantics. */
function plain(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

/** SM4 encryption round keys of the entry, computed on first use. */
export function sm4EncryptionKeys(entry: KeyCiphers): Int32Array {
  if (entry.sm4Encrypt === undefined) entry.sm4Encrypt = sm4RoundKeys(entry.key);
  return entry.sm4Encrypt;
}

/** ECB encryption of whole blocks into a new array. */
export function ecbEncrypt(entry: KeyCiphers, data: Uint8Array): Uint8Array {
  if (entry.alg === 'sm4') return sm4Ecb(sm4EncryptionKeys(entry), data);
  return plain(desEncryptor(entry).update(data));
}

/**
 * 3DES ECB encryption for results that never leave this module: OpenSSL's Buffer as it is,
 * without the plain-Uint8Array wrapper (one object less per MAC).
 */
export function desEcbEncryptInternal(entry: KeyCiphers, data: Uint8Array): Uint8Array {
  return desEncryptor(entry).update(data);
}

function desEncryptor(entry: KeyCiphers): Cipher {
  let c = entry.ecbEncryptor;
  if (c === undefined) {
    c = createCipheriv('des-ede-ecb', edeKey(entry.key), null).setAutoPadding(false);
    entry.ecbEncryptor = c;
  }
  return c;
}

/** ECB decryption of whole blocks into a new array. */
export function ecbDecrypt(entry: KeyCiphers, data: Uint8Array): Uint8Array {
  if (entry.alg === 'sm4') {
    if (entry.sm4Decrypt === undefined) entry.sm4Decrypt = sm4DecryptionKeys(sm4EncryptionKeys(entry));
    return sm4Ecb(entry.sm4Decrypt, data);
  }
  let d = entry.ecbDecryptor;
  if (d === undefined) {
    d = createDecipheriv('des-ede-ecb', edeKey(entry.key), null).setAutoPadding(false);
    entry.ecbDecryptor = d;
  }
  return plain(d.update(data));
}

/**
 * CBC with IV 0 over `blocks` (whole blocks, at least one; the caller XORs its own IV into
 * the first block) and returns the last ciphertext block, the CBC-MAC value. SM4 chains
 * under K; 3DES chains single DES under L(K) (the retail MAC's chaining; for an 8-byte key,
 * K). `blocks` is scratch and is overwritten. The 3DES result is the entry's own chaining
 * block, valid only until the next MAC under the same key: read it at once.
 */
export function cbcMacInPlace(entry: KeyCiphers, blocks: Uint8Array): Uint8Array {
  if (entry.alg === 'sm4') {
    sm4CbcInPlace(sm4EncryptionKeys(entry), blocks);
    return blocks.subarray(blocks.length - 16);
  }
  let c = entry.cbcEncryptor;
  if (c === undefined) {
    const left = entry.key.subarray(0, 8);
    c = createCipheriv('des-ede-cbc', edeKey(left), new Uint8Array(8)).setAutoPadding(false);
    entry.cbcEncryptor = c;
  }
  const chain = entry.cbcChain;
  for (let i = 0; i < 8; i++) blocks[i] = blocks[i]! ^ chain[i]!;
  const out = c.update(blocks);
  // Remember the chaining value the object now holds, in place (no view, no allocation).
  for (let i = 0, j = out.length - 8; i < 8; i++, j++) chain[i] = out[j]!;
  return chain;
}
