/**
 * sm-crypto-v2's SM2 against OpenSSL: in process through node:crypto (empty ID, the only one
 * node 20 can use), and through the `openssl` command line with the default ID that the card
 * uses (fewer runs: each one starts a process).
 */

import { sign, verify } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  generateSm2KeyPair,
  SM2_DEFAULT_ID,
  sm2Decrypt,
  sm2Encrypt,
  sm2Sign,
  sm2Verify,
  sm3,
} from '../../src/crypto/index.js';
import { concatBytes } from '../../src/hex.js';
import { bytes } from './arbitraries.js';
import {
  derSignature,
  nodePrivateKey,
  nodePublicKey,
  opensslDecrypt,
  opensslVerify,
  rawSignature,
} from './openssl-sm2.js';
import { flipBit } from './reference.js';

const seed32 = bytes(32, 32);
/** A deterministic stream from a seed (SM3 of seed ‖ counter): an all-zero seed still yields valid scalars. */
function fromSeed(seed: Uint8Array): () => Uint8Array {
  let counter = 0;
  return () => sm3(concatBytes(seed, Uint8Array.of(counter++)));
}

describe('SM2 signatures against OpenSSL', () => {
  test.prop([seed32, seed32, bytes(0, 200)], { numRuns: 40 })(
    'empty ID: node:crypto verifies ours, and we verify node:crypto’s',
    (keySeed, k, message) => {
      const pair = generateSm2KeyPair(fromSeed(keySeed));
      const ours = sm2Sign(pair.privateKey, message, fromSeed(k), '');
      expect(verify('sm3', message, nodePublicKey(pair.publicKey), derSignature(ours))).toBe(true);
      const theirs = rawSignature(sign('sm3', message, nodePrivateKey(pair.privateKey)));
      expect(sm2Verify(pair.publicKey, message, theirs, '')).toBe(true);
    },
  );

  test.prop([seed32, seed32, bytes(1, 100), fc.nat()], { numRuns: 4 })(
    'default ID: `openssl pkeyutl -verify -pkeyopt distid:1234567812345678` accepts ours, not with one bit changed',
    (keySeed, k, message, bit) => {
      const pair = generateSm2KeyPair(fromSeed(keySeed));
      const signature = sm2Sign(pair.privateKey, message, fromSeed(k));
      expect(opensslVerify(pair.publicKey, message, signature, SM2_DEFAULT_ID)).toBe(true);
      expect(
        opensslVerify(
          pair.publicKey,
          flipBit(message, bit % (message.length * 8)),
          signature,
          SM2_DEFAULT_ID,
        ),
      ).toBe(false);
    },
  );

  test.prop([seed32, seed32, bytes(0, 64)])(
    'the same key, k and message give the same signature',
    (keySeed, k, m) => {
      const pair = generateSm2KeyPair(fromSeed(keySeed));
      expect(sm2Sign(pair.privateKey, m, fromSeed(k))).toEqual(sm2Sign(pair.privateKey, m, fromSeed(k)));
    },
  );
});

describe('SM2 encryption against OpenSSL', () => {
  test.prop([seed32, bytes(1, 64)], { numRuns: 30 })('decrypt(encrypt(M)) = M', (keySeed, plain) => {
    const pair = generateSm2KeyPair(fromSeed(keySeed));
    expect(sm2Decrypt(pair.privateKey, sm2Encrypt(pair.publicKey, plain))).toEqual(plain);
  });

  test.prop([seed32, bytes(1, 48)], { numRuns: 3 })(
    '`openssl pkeyutl -decrypt` reads our C1 ‖ C3 ‖ C2',
    (keySeed, plain) => {
      const pair = generateSm2KeyPair(fromSeed(keySeed));
      expect(opensslDecrypt(pair.privateKey, sm2Encrypt(pair.publicKey, plain))).toEqual(plain);
    },
  );
});
