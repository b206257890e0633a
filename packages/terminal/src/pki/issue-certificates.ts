/**
 * The issuing flow of a kiosk (iWriteCA-style, issue 12 item 6) on the PKI application:
 * cardholder PIN → the card generates its signing key pair → read the public key → the CA
 * certifies it and makes the encryption pair → admin PIN → envelope unwrapped and imported →
 * both certificates written → a test signature made by the card and verified on the card.
 */
import { sm2Verify } from '@ssc-cos/apdu-codec/crypto';
import { TerminalError } from '../terminal-error.js';
import {
  ENCRYPTION_CERTIFICATE_FID,
  ENCRYPTION_KEY_PAIR,
  type PkiCard,
  SIGNING_CERTIFICATE_FID,
} from './pki-card.js';
import type { TestCa } from './test-ca.js';

export interface IssueRequest {
  readonly pin: string;
  readonly adminPin: string;
  /** The cardholder's name in the certificates' subject. */
  readonly subject: string;
  readonly notBefore: Date;
}

export interface IssuedCard {
  readonly signingPublicKey: Uint8Array;
  readonly encryptionPublicKey: Uint8Array;
  readonly signingCertificate: Uint8Array;
  readonly encryptionCertificate: Uint8Array;
}

const PROOF_MESSAGE = new TextEncoder().encode('ssc-cos issuing check');

export async function issueCertificates(
  card: PkiCard,
  ca: TestCa,
  request: IssueRequest,
): Promise<IssuedCard> {
  await card.select();
  await card.verifyPin(request.pin);
  await card.generateSigningKey();
  const signingPublicKey = await card.readPublicKey();
  const signingCertificate = ca.certify(`${request.subject} (sign)`, signingPublicKey, request.notBefore);
  const envelope = ca.envelope(signingPublicKey);
  const encryptionCertificate = ca.certify(
    `${request.subject} (encrypt)`,
    envelope.publicKey,
    request.notBefore,
  );
  await card.verifyAdminPin(request.adminPin);
  const key = await card.unwrapEnvelope(envelope.wrappedKey);
  await card.importEncryptionKeyPair(key, envelope.publicKey, envelope.encryptedPrivateKey);
  const encryptionPublicKey = await card.readPublicKey(ENCRYPTION_KEY_PAIR);
  await card.writeCertificate(SIGNING_CERTIFICATE_FID, signingCertificate);
  await card.writeCertificate(ENCRYPTION_CERTIFICATE_FID, encryptionCertificate);
  const signature = await card.sign(PROOF_MESSAGE, signingPublicKey);
  if (
    !sm2Verify(signingPublicKey, PROOF_MESSAGE, signature) ||
    !(await card.verifyOnCard(PROOF_MESSAGE, signingPublicKey, signature))
  )
    throw new TerminalError('card', 'issuing check signature', 0x9000, 'the card signature does not verify');
  return { signingPublicKey, encryptionPublicKey, signingCertificate, encryptionCertificate };
}
