/** ECB encryption and decryption over whole blocks, through the per-key cipher cache. */
import { type Algorithm, checkKey, checkWholeBlocks } from './algorithm.js';
import { ciphersFor, ecbDecrypt, ecbEncrypt } from './cipher-cache.js';

/** E(K, data): ECB over whole blocks; RangeError for a wrong key length or a partial block. */
export function encryptEcb(alg: Algorithm, key: Uint8Array, data: Uint8Array): Uint8Array {
  checkKey(alg, key);
  checkWholeBlocks(alg, data);
  return ecbEncrypt(ciphersFor(alg, key), data);
}

/** D(K, data): ECB over whole blocks; RangeError for a wrong key length or a partial block. */
export function decryptEcb(alg: Algorithm, key: Uint8Array, data: Uint8Array): Uint8Array {
  checkKey(alg, key);
  checkWholeBlocks(alg, data);
  return ecbDecrypt(ciphersFor(alg, key), data);
}
