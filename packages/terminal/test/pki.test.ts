/**
 * The PKI issuing flow (issue 12 item 6) on cos-sim's 3rd-generation cards in process: the card
 * generates, the test CA certifies and sends an envelope, the card imports it, both
 * certificates are written and read back, the card signs and verifies.
 */
import { X509Certificate } from 'node:crypto';
import { sm2PublicKeyOf, sm2Verify } from '@ssc-cos/apdu-codec/crypto';
import { buildImage, Card, CardTransport, loadProfile } from '@ssc-cos/cos-sim';
import { describe, expect, test } from 'vitest';
import {
  ENCRYPTION_CERTIFICATE_FID,
  issueCertificates,
  PkiCard,
  SIGNING_CERTIFICATE_FID,
  TerminalError,
  TestCa,
} from '../src/index.js';
import { seededRandomForTests } from './pki-random.js';

const REQUEST = {
  pin: '123456',
  adminPin: '12345678',
  subject: 'ZHANG SAN',
  notBefore: new Date('2026-11-22T00:00:00Z'),
};

function pkiCard(profile: string): { card: Card; pki: PkiCard } {
  const card = new Card(buildImage(loadProfile(profile)), { seed: 3 });
  return { card, pki: new PkiCard(new CardTransport(card)) };
}

describe.each(['ssc-3g-sm4', 'ssc-3g-des'])('%s: issuing flow', (profile) => {
  test('generate, certify, envelope, import, write certificates, sign, verify', async () => {
    const { pki } = pkiCard(profile);
    const ca = new TestCa('ssc-cos test CA', seededRandomForTests(1));
    const issued = await issueCertificates(pki, ca, REQUEST);
    expect(await pki.readCertificate(SIGNING_CERTIFICATE_FID)).toEqual(issued.signingCertificate);
    expect(await pki.readCertificate(ENCRYPTION_CERTIFICATE_FID)).toEqual(issued.encryptionCertificate);
    // the certificate carries the card's key and a CA signature over its TBS part
    const der = issued.signingCertificate;
    expect(Buffer.from(der).includes(Buffer.from(issued.signingPublicKey))).toBe(true);
    const message = new TextEncoder().encode('a document');
    await pki.verifyPin('123456');
    const signature = await pki.sign(message, issued.signingPublicKey);
    expect(sm2Verify(issued.signingPublicKey, message, signature)).toBe(true);
    expect(await pki.verifyOnCard(Uint8Array.of(...message, 0x21), issued.signingPublicKey, signature)).toBe(
      false,
    );
    // OpenSSL (node:crypto) reads the certificate: subject, issuer, the card's public key
    const x509 = new X509Certificate(der);
    expect(x509.subject).toBe('CN=ZHANG SAN (sign)');
    expect(x509.issuer).toBe('CN=ssc-cos test CA');
    expect(x509.publicKey.export({ type: 'spki', format: 'der' }).subarray(-64)).toEqual(
      Buffer.from(issued.signingPublicKey),
    );
  });

  test('the envelope round trip: the encryption public key read back is the wrapped one', async () => {
    const { pki } = pkiCard(profile);
    const ca = new TestCa('ssc-cos test CA', seededRandomForTests(2));
    await pki.select();
    await pki.verifyPin('123456');
    await pki.generateSigningKey();
    const signing = await pki.readPublicKey();
    const envelope = ca.envelope(signing);
    await pki.verifyAdminPin('12345678');
    const key = await pki.unwrapEnvelope(envelope.wrappedKey);
    await pki.importEncryptionKeyPair(key, envelope.publicKey, envelope.encryptedPrivateKey);
    expect(await pki.readPublicKey({ publicFid: 0x14, privateFid: 0x15 })).toEqual(envelope.publicKey);
    expect(sm2PublicKeyOf(envelope.privateKey)).toEqual(envelope.publicKey);
  });

  test('a wrong admin PIN stops the flow with its tries left', async () => {
    const { pki } = pkiCard(profile);
    const ca = new TestCa('ssc-cos test CA', seededRandomForTests(3));
    const error = await issueCertificates(pki, ca, { ...REQUEST, adminPin: '87654321' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TerminalError);
    expect((error as TerminalError).triesLeft).toBe(4);
  });
});
