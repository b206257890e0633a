/**
 * SM2 sign and verify as the PKI application does them (sm-crypto-v2, k from a random
 * source, e = SM3(Z ‖ M) with the default ID), next to node:crypto's own SM2 (OpenSSL, empty
 * ID: node 20 cannot set one, the cost is the same). The card signs a digest e; the terminal
 * computes e and verifies. The card commands themselves (80 2A …) are not built yet
 * (docs/pki.md, "What is not built"), so the figure is the crypto the card will call.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import {
  generateSm2KeyPair,
  sm2Digest,
  sm2PublicKeyDer,
  sm2SignDigest,
  sm2VerifyDigest,
  sm3,
} from '../packages/apdu-codec/src/crypto/index.js';
import { concatBytes, fromHex } from '../packages/apdu-codec/src/hex.js';
import { type Figure, opsPerSecond, ratio } from './harness.js';

let counter = 0;
const random = (n: number) => sm3(Uint8Array.of(counter++ & 0xff, counter >> 8)).subarray(0, n);
const pair = generateSm2KeyPair(random);
const MESSAGE = new TextEncoder().encode('ssc-cos PKI bench message');
const DIGEST = sm2Digest(pair.publicKey, MESSAGE);
const SIGNATURE = sm2SignDigest(pair.privateKey, DIGEST, random);

const nodePrivate = createPrivateKey({
  key: Buffer.from(
    concatBytes(
      fromHex('308187020100301306072A8648CE3D020106082A811CCF5501822D046D306B0201010420'),
      pair.privateKey,
      fromHex('A14403420004'),
      pair.publicKey,
    ),
  ),
  format: 'der',
  type: 'pkcs8',
});
const nodePublic = createPublicKey({
  key: Buffer.from(sm2PublicKeyDer(pair.publicKey)),
  format: 'der',
  type: 'spki',
});
const NODE_SIGNATURE = sign('sm3', MESSAGE, nodePrivate);

export async function figures(): Promise<Figure[]> {
  const opts = { opsPerRun: 40, runs: 5, unit: 'ops/s' };
  const ours = opsPerSecond(
    'pki.sm2.sign.card',
    'SM2 sign of a digest (sm-crypto-v2, as the card)',
    () => {
      sm2SignDigest(pair.privateKey, DIGEST, random);
    },
    opts,
  );
  const theirs = opsPerSecond(
    'pki.sm2.sign.node',
    'SM2 sign of a message (node:crypto / OpenSSL)',
    () => {
      sign('sm3', MESSAGE, nodePrivate);
    },
    opts,
  );
  const ourVerify = opsPerSecond(
    'pki.sm2.verify.card',
    'SM2 verify of a digest (sm-crypto-v2)',
    () => {
      if (!sm2VerifyDigest(pair.publicKey, DIGEST, SIGNATURE))
        throw new Error('bench signature does not verify');
    },
    opts,
  );
  const nodeVerify = opsPerSecond(
    'pki.sm2.verify.node',
    'SM2 verify of a message (node:crypto / OpenSSL)',
    () => {
      if (!verify('sm3', MESSAGE, nodePublic, NODE_SIGNATURE))
        throw new Error('node signature does not verify');
    },
    opts,
  );
  ours.note = `${ratio(ours.value, theirs.value)} of node:crypto's rate`;
  ourVerify.note = `${ratio(ourVerify.value, nodeVerify.value)} of node:crypto's rate`;
  return [ours, theirs, ourVerify, nodeVerify];
}
