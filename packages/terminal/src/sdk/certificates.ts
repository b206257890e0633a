/**
 * The certificate functions of the reader interface (docs/terminal.md §Certificates, issue 12):
 * iWriteCA runs the kiosk's issuing flow (issueCertificates: PIN, key pair made on the card,
 * certified by a CA, admin PIN, envelope, both certificates written, a signature checked) and
 * answers what it then reads back from the card; iReadCA reads the same three things. Answer:
 * `签名证书|加密证书|签名公钥|` — the DER certificates and 04 ‖ X ‖ Y, in hex (binary items are hex
 * in this interface), each empty when the card holds none. [decision, docs/terminal.md] No public SDK header confirms these names.
 */
import { randomBytes } from 'node:crypto';
import { toHex } from '@ssc-cos/apdu-codec';
import { pinBcd } from '../pin-block.js';
import { issueCertificates } from '../pki/issue-certificates.js';
import { ENCRYPTION_CERTIFICATE_FID, PkiCard, SIGNING_CERTIFICATE_FID } from '../pki/pki-card.js';
import { TestCa } from '../pki/test-ca.js';
import { TerminalError } from '../terminal-error.js';
import { answer, fields, type SdkAnswer } from './answer.js';
import { cardSlot, type IType, parseIType, type Reader } from './reader.js';
import { RC, SdkError } from './return-codes.js';
import type { SdkFunction, SdkOptions } from './sdk-function.js';

export interface CardCertificates {
  /** DER; empty when the EF holds none. */
  readonly signingCertificate: Uint8Array;
  readonly encryptionCertificate: Uint8Array;
  /** X ‖ Y (64 bytes) as 80 C9 reads it; empty when the card has no signing pair yet. */
  readonly signingPublicKey: Uint8Array;
}

export interface WriteCaRequest {
  readonly pin: string;
  readonly adminPin: string;
  /** The cardholder's name in the certificates' subject. */
  readonly subject: string;
}

/** The CA an SDK call certifies with when SdkOptions gives none: a fresh test CA (test use only). */
export const DEFAULT_CA_NAME = 'ssc-cos test CA';

const PIN_STEPS: Record<string, string> = {
  'VERIFY PIN (ciphered)': 'PIN',
  'VERIFY admin PIN (ciphered)': 'admin PIN',
};

/** The PKI application's failures in the interface's terms: no PKI ADF −1, a wrong PIN −51, a locked one −52. */
async function onPkiCard<T>(reader: Reader, iType: IType, run: (card: PkiCard) => Promise<T>): Promise<T> {
  const card = new PkiCard(cardSlot(reader, iType));
  try {
    await card.select();
    return await run(card);
  } catch (e) {
    if (e instanceof TerminalError && e.device === 'card') {
      if (e.step.startsWith('SELECT PKI') && (e.sw === 0x6a82 || e.sw === 0x6a86 || e.sw === 0x6d00))
        throw new SdkError(RC.wrongCardType, `no PKI application on this card (${e.message})`);
      const pin = PIN_STEPS[e.step];
      if (pin !== undefined && (e.sw & 0xfff0) === 0x63c0)
        throw new SdkError(RC.pinCheckFailed, `wrong ${pin}, ${e.sw & 0x0f} tries left`);
      if (pin !== undefined && e.sw === 0x6983) throw new SdkError(RC.pinLocked, `the ${pin} is locked`);
    }
    throw e;
  }
}

/** A card before issuing has no signing pair: 80 C9 answers 6A88, the field is empty. */
async function signingPublicKey(card: PkiCard): Promise<Uint8Array> {
  try {
    return await card.readPublicKey();
  } catch (e) {
    if (e instanceof TerminalError && e.device === 'card' && e.sw === 0x6a88) return new Uint8Array(0);
    throw e;
  }
}

async function readBack(card: PkiCard): Promise<CardCertificates> {
  return {
    signingCertificate: await card.readCertificate(SIGNING_CERTIFICATE_FID),
    encryptionCertificate: await card.readCertificate(ENCRYPTION_CERTIFICATE_FID),
    signingPublicKey: await signingPublicKey(card),
  };
}

export function readCertificates(reader: Reader, iType: IType): Promise<CardCertificates> {
  return onPkiCard(reader, iType, readBack);
}

function checkPin(pin: string, what: string): void {
  try {
    pinBcd(pin);
  } catch {
    throw new SdkError(RC.badParameter, `${what} must be 4 to 12 digits`);
  }
}

/**
 * Irreversible on a real card: the signing key pair, the encryption key pair and both
 * certificates are replaced. Answers what the card holds afterwards, read back; a read-back
 * that differs from what was written is a failure.
 */
export function writeCertificates(
  reader: Reader,
  iType: IType,
  request: WriteCaRequest,
  options: SdkOptions = {},
): Promise<CardCertificates> {
  checkPin(request.pin, 'the PIN');
  checkPin(request.adminPin, 'the admin PIN');
  if (request.subject.trim() === '') throw new SdkError(RC.badParameter, 'the subject must not be empty');
  const ca = options.ca ?? new TestCa(DEFAULT_CA_NAME, reader.random ?? randomBytes);
  return onPkiCard(reader, iType, async (card) => {
    const issued = await issueCertificates(card, ca, { ...request, notBefore: new Date() });
    const held = await readBack(card);
    if (
      toHex(held.signingCertificate) !== toHex(issued.signingCertificate) ||
      toHex(held.encryptionCertificate) !== toHex(issued.encryptionCertificate)
    )
      throw new TerminalError(
        'card',
        'READ BINARY certificate',
        0x9000,
        'reads back other bytes than written',
      );
    return held;
  });
}

function formatCertificates(c: CardCertificates): string {
  return fields([
    toHex(c.signingCertificate),
    toHex(c.encryptionCertificate),
    c.signingPublicKey.length === 0 ? '' : `04${toHex(c.signingPublicKey)}`,
  ]);
}

export function iWriteCA(
  reader: Reader,
  iType: number | string,
  pUserPin: string,
  pAdminPin: string,
  pSubject: string,
  options: SdkOptions = {},
): Promise<SdkAnswer> {
  return answer(async () =>
    formatCertificates(
      await writeCertificates(
        reader,
        parseIType(iType),
        { pin: pUserPin, adminPin: pAdminPin, subject: pSubject },
        options,
      ),
    ),
  );
}

export function iReadCA(reader: Reader, iType: number | string): Promise<SdkAnswer> {
  return answer(async () => formatCertificates(await readCertificates(reader, parseIType(iType))));
}

export const CERTIFICATE_FUNCTIONS: readonly SdkFunction[] = [
  {
    name: 'iWriteCA',
    params: ['iType', 'pUserPin', 'pAdminPin', 'pSubject'],
    irreversible: true,
    call: (reader, [iType, pin, adminPin, subject], options) =>
      iWriteCA(reader, iType!, pin!, adminPin!, subject!, options),
  },
  { name: 'iReadCA', params: ['iType'], call: (reader, [iType]) => iReadCA(reader, iType!) },
];
