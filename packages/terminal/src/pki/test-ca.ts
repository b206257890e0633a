/**
 * A self-made SM2 test CA for the issuing flow (issue 12 item 6): it certifies the card's
 * signing public key and makes the encryption key pair it sends in a digital envelope (the
 * SM4 key SM2-encrypted to the card's signing key, the private key under that SM4 key, as
 * 11-pki.md's 80 4E / 80 C2 take them). Certificates are X.509 v3 DER signed SM3withSM2 with
 * the default ID; test use only (its keys come from the caller's random source).
 */
import {
  generateSm2KeyPair,
  type RandomSource,
  type Sm2KeyPair,
  sm2Encrypt,
  sm2PublicKeyDer,
  sm2Sign,
} from '@ssc-cos/apdu-codec/crypto';
import {
  derBitString,
  derOid,
  derSequence,
  derTlv,
  derUnsigned,
  derUtcTime,
  derUtf8,
  sm2SignatureDer,
} from './der.js';
import { wrapPrivateKey } from './pki-card.js';

/** SM2 signature with SM3 (GM/T 0006). */
const SM3_WITH_SM2 = '1.2.156.10197.1.501';
const COMMON_NAME = '2.5.4.3';
const VALIDITY_YEARS = 10;

function name(commonName: string): Uint8Array {
  return derSequence(derTlv(0x31, derSequence(derOid(COMMON_NAME), derUtf8(commonName))));
}

/** What the CA sends the card in an envelope. */
export interface Envelope {
  /** C1 ‖ C3 ‖ C2: the SM4 key encrypted to the card's signing public key (for 80 4E). */
  readonly wrappedKey: Uint8Array;
  /** The encryption key pair's X ‖ Y (for 80 C2 40 00). */
  readonly publicKey: Uint8Array;
  /** SM4-ECB(key, d) (for 80 C2 C0 01). */
  readonly encryptedPrivateKey: Uint8Array;
}

export class TestCa {
  readonly keyPair: Sm2KeyPair;
  private serial = 1;

  constructor(
    readonly commonName: string,
    private readonly random: RandomSource,
  ) {
    this.keyPair = generateSm2KeyPair(random);
  }

  /** An X.509 v3 certificate of `publicKey` for `subject`, valid from `notBefore` for 10 years. */
  certify(subject: string, publicKey: Uint8Array, notBefore: Date): Uint8Array {
    const algorithm = derSequence(derOid(SM3_WITH_SM2));
    const notAfter = new Date(notBefore);
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
    const tbs = derSequence(
      derTlv(0xa0, derUnsigned(Uint8Array.of(2))), // v3
      derUnsigned(Uint8Array.of(this.serial++)),
      algorithm,
      name(this.commonName),
      derSequence(derUtcTime(notBefore), derUtcTime(notAfter)),
      name(subject),
      sm2PublicKeyDer(publicKey),
    );
    const signature = sm2Sign(this.keyPair.privateKey, tbs, this.random);
    return derSequence(tbs, algorithm, derBitString(sm2SignatureDer(signature)));
  }

  /** A fresh encryption key pair for the card, wrapped to its signing public key. */
  envelope(cardSigningKey: Uint8Array): Envelope & { readonly privateKey: Uint8Array } {
    const pair = generateSm2KeyPair(this.random);
    const key = this.random(16);
    return {
      wrappedKey: sm2Encrypt(cardSigningKey, key),
      publicKey: pair.publicKey,
      encryptedPrivateKey: wrapPrivateKey(key, pair.privateKey),
      privateKey: pair.privateKey,
    };
  }
}
