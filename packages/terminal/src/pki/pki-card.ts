/**
 * The 3rd-generation PKI application as a terminal drives it (11-pki.md, docs/pki.md): one
 * method per card command, over any Transport (the T=0 helper fetches 61xx answers). The PINs
 * never go to the card in clear: the ciphered VERIFY sends SM4-ECB(SM3(PIN)[0..16), R).
 */
import { concatBytes, hexWord, type Transport } from '@ssc-cos/apdu-codec';
import {
  adminPinChangeData,
  cipheredPin,
  encryptEcb,
  SM2_SIGNATURE_LENGTH,
  sm2Digest,
} from '@ssc-cos/apdu-codec/crypto';
import { ApduLink, apdu } from '../apdu-link.js';
import { pinBcd } from '../pin-block.js';
import { TerminalError } from '../terminal-error.js';

/** `PKI.社会保障` (ASCII "PKI." ‖ GBK 社会保障) and `SS.CERT.ADF1`. */
export const PKI_DDF_NAME = Uint8Array.from(Buffer.from('504B492EC9E7BBE1B1A3D5CF', 'hex'));
export const PKI_ADF_NAME = new TextEncoder().encode('SS.CERT.ADF1');

/** The two key pairs of the ADF: public-key EF, private-key EF. */
export const SIGNING_KEY_PAIR = { publicFid: 0x0012, privateFid: 0x0013 } as const;
export const ENCRYPTION_KEY_PAIR = { publicFid: 0x0014, privateFid: 0x0015 } as const;
export const SIGNING_CERTIFICATE_FID = 0x0018;
export const ENCRYPTION_CERTIFICATE_FID = 0x0019;
/** Bytes a certificate EF holds (11-pki.md). */
export const CERTIFICATE_EF_SIZE = 1024;

const CHUNK = 240;
const PUBLIC_KEY_HEADER = Uint8Array.of(0xca, 0x40);

type KeyPairFids = { readonly publicFid: number; readonly privateFid: number };

function word(n: number): Uint8Array {
  return Uint8Array.of(n >> 8, n & 0xff);
}

function pairData(pair: KeyPairFids): Uint8Array {
  return concatBytes(
    Uint8Array.of(0xc0, 0x02),
    word(pair.publicFid),
    Uint8Array.of(0xc2, 0x02),
    word(pair.privateFid),
  );
}

export class PkiCard {
  private readonly link: ApduLink;

  constructor(transport: Transport) {
    this.link = new ApduLink(transport, 'card');
  }

  /** SELECT the PKI DDF then its ADF by name (the admin state ends with any DF selection). */
  async select(): Promise<void> {
    await this.link.expect(apdu(0x00, 0xa4, 0x04, 0x00, PKI_DDF_NAME), 'SELECT PKI DDF');
    await this.link.expect(apdu(0x00, 0xa4, 0x04, 0x00, PKI_ADF_NAME), 'SELECT PKI ADF');
  }

  /** 80 C4: SM3 of the PIN as the card computes it. */
  async pinDigest(pin: string): Promise<Uint8Array> {
    const bcd = pinBcd(pin);
    return this.link.expect(
      apdu(0x80, 0xc4, 0x01, 0x03, concatBytes(Uint8Array.of(0xc1, bcd.length), bcd), 0),
      '80 C4',
    );
  }

  private async challenge16(): Promise<Uint8Array> {
    return this.link.expect(apdu(0x00, 0x84, 0x00, 0x00, undefined, 16), 'GET CHALLENGE 16');
  }

  private async verifyCiphered(p2: number, pin: string, step: string): Promise<void> {
    const r = await this.challenge16();
    await this.link.expect(apdu(0x00, 0x20, 0x01, p2, cipheredPin(pinBcd(pin), r)), step);
  }

  /** Ciphered VERIFY of the cardholder's PIN (00 20 01 81). */
  verifyPin(pin: string): Promise<void> {
    return this.verifyCiphered(0x81, pin, 'VERIFY PIN (ciphered)');
  }

  /** Ciphered VERIFY of the admin PIN (00 20 01 00). */
  verifyAdminPin(pin: string): Promise<void> {
    return this.verifyCiphered(0x00, pin, 'VERIFY admin PIN (ciphered)');
  }

  /** 84 5E 01 00: a new admin PIN under MAC, keyed by the current one. */
  async changeAdminPin(current: string, next: string): Promise<void> {
    const r = await this.challenge16();
    await this.link.expect(
      apdu(0x84, 0x5e, 0x01, 0x00, adminPinChangeData(pinBcd(current), pinBcd(next), r)),
      'CHANGE admin PIN',
    );
  }

  /** 80 40: the card makes the signing key pair (cardholder PIN verified first). */
  async generateSigningKey(): Promise<void> {
    await this.link.expect(apdu(0x80, 0x40, 0x00, 0x00, pairData(SIGNING_KEY_PAIR)), 'GENERATE KEY PAIR');
  }

  /** 80 C9 in two steps: X ‖ Y of a key pair. */
  async readPublicKey(pair: KeyPairFids = SIGNING_KEY_PAIR): Promise<Uint8Array> {
    await this.link.expect(apdu(0x80, 0xc9, 0x82, 0x00, pairData(pair)), 'READ PUBLIC KEY (pair)');
    const answer = await this.link.expect(apdu(0x80, 0xc9, 0x82, 0x80, undefined, 0), 'READ PUBLIC KEY');
    if (answer.length !== 66 || answer[0] !== PUBLIC_KEY_HEADER[0] || answer[1] !== PUBLIC_KEY_HEADER[1])
      throw new TerminalError(
        'card',
        'READ PUBLIC KEY',
        0x9000,
        `answered ${answer.length} bytes, not CA 40 ‖ X ‖ Y`,
      );
    return answer.slice(2);
  }

  /** 80 2A 9E 9A: r ‖ s over e = SM3(Z ‖ M), Z from `publicKey` and the default ID. */
  async sign(message: Uint8Array, publicKey: Uint8Array): Promise<Uint8Array> {
    const rs = await this.link.expect(apdu(0x80, 0x2a, 0x9e, 0x9a, sm2Digest(publicKey, message), 0), 'SIGN');
    if (rs.length !== SM2_SIGNATURE_LENGTH)
      throw new TerminalError('card', 'SIGN', 0x9000, `answered ${rs.length} bytes, not r ‖ s`);
    return rs;
  }

  /** 80 2A 00 A8: does the card's signing public key accept r ‖ s on M? */
  async verifyOnCard(message: Uint8Array, publicKey: Uint8Array, signature: Uint8Array): Promise<boolean> {
    const r = await this.link.send(
      apdu(0x80, 0x2a, 0x00, 0xa8, concatBytes(sm2Digest(publicKey, message), signature)),
    );
    if (r.sw === 0x9000) return true;
    if (r.sw === 0x6988) return false;
    throw new TerminalError('card', 'VERIFY SIGNATURE', r.sw);
  }

  /** 80 4E: the SM4 key of an envelope (C1 ‖ C3 ‖ C2 to the signing key), admin PIN verified. */
  async unwrapEnvelope(cipher: Uint8Array): Promise<Uint8Array> {
    const data = concatBytes(
      Uint8Array.of(0xc2, 0x02),
      word(SIGNING_KEY_PAIR.privateFid),
      Uint8Array.of(0xc1, 0x82),
      word(cipher.length),
      cipher,
    );
    return this.link.expect(apdu(0x80, 0x4e, 0x00, 0x01, data, 0), 'UNWRAP ENVELOPE');
  }

  /**
   * The envelope import: 80 4A loads the unwrapped key, 80 C2 writes the encryption public key
   * and the private key `encryptedPrivateKey` = SM4-ECB(key, d) as the CA sent it.
   */
  async importEncryptionKeyPair(
    key: Uint8Array,
    publicKey: Uint8Array,
    encryptedPrivateKey: Uint8Array,
  ): Promise<void> {
    await this.link.expect(
      apdu(0x80, 0x4a, 0x02, 0x10, concatBytes(Uint8Array.of(0xc1, 0x10), key)),
      'LOAD SM4 KEY',
    );
    await this.link.expect(
      apdu(
        0x80,
        0xc2,
        0x40,
        0x00,
        concatBytes(
          Uint8Array.of(0xc0, 0x02),
          word(ENCRYPTION_KEY_PAIR.publicFid),
          PUBLIC_KEY_HEADER,
          publicKey,
        ),
      ),
      'WRITE ENCRYPTION PUBLIC KEY',
    );
    await this.link.expect(
      apdu(
        0x80,
        0xc2,
        0xc0,
        0x01,
        concatBytes(
          Uint8Array.of(0xc2, 0x02),
          word(ENCRYPTION_KEY_PAIR.privateFid),
          Uint8Array.of(0xcb, 0x20),
          encryptedPrivateKey,
        ),
      ),
      'WRITE ENCRYPTION PRIVATE KEY',
    );
  }

  private async selectEf(fid: number): Promise<void> {
    await this.link.expect(apdu(0x00, 0xa4, 0x02, 0x00, word(fid)), `SELECT ${hexWord(fid)}`);
  }

  /** UPDATE BINARY in chunks (admin PIN verified). */
  async writeCertificate(fid: number, der: Uint8Array): Promise<void> {
    if (der.length > CERTIFICATE_EF_SIZE)
      throw new RangeError(`a certificate EF holds ${CERTIFICATE_EF_SIZE} bytes`);
    await this.selectEf(fid);
    for (let offset = 0; offset < der.length; offset += CHUNK) {
      const chunk = der.subarray(offset, offset + CHUNK);
      await this.link.expect(
        apdu(0x00, 0xd6, offset >> 8, offset & 0xff, chunk),
        'UPDATE BINARY certificate',
      );
    }
  }

  /** READ BINARY in chunks: the DER certificate (its length from the outer SEQUENCE). */
  async readCertificate(fid: number): Promise<Uint8Array> {
    await this.selectEf(fid);
    const head = await this.link.expect(
      apdu(0x00, 0xb0, 0x00, 0x00, undefined, 4),
      'READ BINARY certificate',
    );
    const total = derTotalLength(head);
    if (total === null) return new Uint8Array(0);
    const parts: Uint8Array[] = [];
    for (let offset = 0; offset < total; offset += CHUNK) {
      const n = Math.min(CHUNK, total - offset);
      parts.push(
        await this.link.expect(
          apdu(0x00, 0xb0, offset >> 8, offset & 0xff, undefined, n),
          'READ BINARY certificate',
        ),
      );
    }
    return concatBytes(...parts);
  }
}

/** Length of a DER SEQUENCE from its first bytes (30 len / 30 81 len / 30 82 len len), or null. */
function derTotalLength(head: Uint8Array): number | null {
  if (head[0] !== 0x30) return null;
  const first = head[1]!;
  if (first < 0x80) return 2 + first;
  if (first === 0x81) return 3 + head[2]!;
  if (first === 0x82) return 4 + ((head[2]! << 8) | head[3]!);
  return null;
}

/** SM4-ECB(key, d): how a CA sends the encryption private key inside the envelope. */
export function wrapPrivateKey(key: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return encryptEcb('sm4', key, privateKey);
}
