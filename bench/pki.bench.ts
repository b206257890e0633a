/**
 * SM2 sign and verify on the card: the APDUs `80 2A 9E 9A` (sign e) and `80 2A 00 A8` (verify
 * e ‖ r ‖ s) through cos-sim in process (11-pki.md, docs/pki.md), next to the crypto they call
 * (sm-crypto-v2, k from a random source, e = SM3(Z ‖ M) with the default ID) and node:crypto's
 * own SM2 (OpenSSL, empty ID: node 20 cannot set one, the cost is the same).
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import {
  cipheredPin,
  generateSm2KeyPair,
  sm2Digest,
  sm2PublicKeyDer,
  sm2SignDigest,
  sm2VerifyDigest,
  sm3,
} from '../packages/apdu-codec/src/crypto/index.js';
import { concatBytes, fromHex } from '../packages/apdu-codec/src/hex.js';
import { Card } from '../packages/cos-sim/src/index.js';
import { buildImage, loadProfile } from '../packages/cos-sim/src/profile/index.js';
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

/** A seeded ssc-3g-sm4 card with a signing key pair, its public key, and its signature of e. */
function cardWithKeyPair(): { card: Card; signApdu: Uint8Array; verifyApdu: Uint8Array } {
  const card = new Card(buildImage(loadProfile('ssc-3g-sm4')), { seed: 9 });
  const send = (hex: string): Uint8Array => {
    let r = card.transmit(fromHex(hex));
    if (r.length === 2 && r[0] === 0x61) r = card.transmit(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, r[1]!));
    if (r[r.length - 2] !== 0x90) throw new Error(`${hex} answered ${Buffer.from(r).toString('hex')}`);
    return r.subarray(0, r.length - 2);
  };
  send('00A404000C53532E434552542E41444631');
  const challenge = send('0084000010');
  send(`0020018110${Buffer.from(cipheredPin(fromHex('123456'), challenge)).toString('hex')}`);
  send('8040000008C0020012C2020013');
  send('80C9820008C0020012C2020013');
  const publicKey = send('80C9828000').subarray(2);
  const e = sm2Digest(publicKey, MESSAGE);
  const signApdu = concatBytes(fromHex('802A9E9A20'), e);
  const rs = send(Buffer.from(signApdu).toString('hex'));
  const verifyApdu = concatBytes(fromHex('802A00A860'), e, rs);
  return { card, signApdu, verifyApdu };
}

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
  const { card, signApdu, verifyApdu } = cardWithKeyPair();
  const cardSign = opsPerSecond(
    'pki.apdu.sign',
    'card: 80 2A 9E 9A sign (cos-sim in process, T=0: answer via 61 40)',
    () => {
      const r = card.transmit(signApdu);
      if (r[0] !== 0x61) throw new Error('sign failed');
    },
    opts,
  );
  const cardVerify = opsPerSecond(
    'pki.apdu.verify',
    'card: 80 2A 00 A8 verify (cos-sim in process)',
    () => {
      const r = card.transmit(verifyApdu);
      if (r[0] !== 0x90) throw new Error('verify failed');
    },
    opts,
  );
  ours.note = `${ratio(ours.value, theirs.value)} of node:crypto's rate`;
  ourVerify.note = `${ratio(ourVerify.value, nodeVerify.value)} of node:crypto's rate`;
  cardSign.note = `${ratio(cardSign.value, theirs.value)} of node:crypto's rate`;
  cardVerify.note = `${ratio(cardVerify.value, nodeVerify.value)} of node:crypto's rate`;
  return [cardSign, cardVerify, ours, theirs, ourVerify, nodeVerify];
}
