/**
 * The host side of the PKI application for the cos-sim tests: the APDUs of 11-pki.md built
 * from the spec alone (admin PIN 12345678, cardholder PIN 123456), never from the image.
 */
import { adminPinChangeData, cipheredPin, encryptEcb, sm2Encrypt } from '@ssc-cos/apdu-codec/crypto';
import { Card } from '../../src/card.js';
import { buildImage, loadProfile } from '../../src/profile/index.js';
import { hex, toHex } from '../helpers/bytes.js';
import { Terminal } from '../helpers/terminal.js';

export const USER_PIN = hex('123456');
export const ADMIN_PIN = hex('12345678');
export const SELECT_DDF = '00A404000C504B492EC9E7BBE1B1A3D5CF';
export const SELECT_ADF = '00A404000C53532E434552542E41444631';
export const SIGNING_PAIR = 'C0020012C2020013';

export class PkiTerminal extends Terminal {
  static onProfile(profile: 'ssc-3g-sm4' | 'ssc-3g-des', seed = 7): PkiTerminal {
    const image = buildImage(loadProfile(profile));
    return new PkiTerminal(new Card(image, { seed }), image.algorithm);
  }

  /** Ciphered VERIFY: P2 81 the cardholder's PIN, 00 the admin PIN. */
  verifyCiphered(p2: '81' | '00', pin: Uint8Array): string {
    const r = this.challenge(16);
    return this.sw(`002001${p2}10${toHex(cipheredPin(pin, r))}`);
  }

  verifyUser(): string {
    return this.verifyCiphered('81', USER_PIN);
  }

  verifyAdmin(): string {
    return this.verifyCiphered('00', ADMIN_PIN);
  }

  changeAdminPin(current: Uint8Array, next: Uint8Array): string {
    const r = this.challenge(16);
    return this.sw(`845E010014${toHex(adminPinChangeData(current, next, r))}`);
  }

  generate(): string {
    return this.sw(`8040000008${SIGNING_PAIR}`);
  }

  /** X ‖ Y of a pair through the two-step 80 C9, or the status word of the failing step. */
  publicKey(pair = SIGNING_PAIR): Uint8Array | string {
    const first = this.sw(`80C9820008${pair}`);
    if (first !== '9000') return first;
    const r = this.exchange('80C9828000');
    if (r.sw !== 0x9000) return r.sw.toString(16).toUpperCase();
    if (toHex(r.data.subarray(0, 2)) !== 'CA40') throw new Error(`80 C9 answered ${toHex(r.data)}`);
    return r.data.subarray(2);
  }

  sign(e: Uint8Array): { data: Uint8Array; sw: number } {
    return this.exchange(`802A9E9A20${toHex(e)}`);
  }

  verifyOnCard(e: Uint8Array, signature: Uint8Array): string {
    return this.sw(`802A00A860${toHex(e)}${toHex(signature)}`);
  }

  /** 80 4E with an envelope wrapping `sessionKey` to the card's signing key. */
  unwrap(cipher: Uint8Array): { data: Uint8Array; sw: number } {
    return this.exchange(`804E000178C2020013C1820070${toHex(cipher)}`);
  }

  loadSessionKey(key: Uint8Array): string {
    return this.sw(`804A021012C110${toHex(key)}`);
  }

  writeEncryptionPublic(point: Uint8Array): string {
    return this.sw(`80C2400046C0020014CA40${toHex(point)}`);
  }

  writeEncryptionPrivate(key: Uint8Array, d: Uint8Array): string {
    return this.sw(`80C2C00126C2020015CB20${toHex(encryptEcb('sm4', key, d))}`);
  }
}

/** What a CA sends: the SM4 key wrapped to the card's signing public key (C1 ‖ C3 ‖ C2). */
export function envelopeFor(signingPublicKey: Uint8Array, sessionKey: Uint8Array): Uint8Array {
  return sm2Encrypt(signingPublicKey, sessionKey);
}
