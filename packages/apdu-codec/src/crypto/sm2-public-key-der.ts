/**
 * An SM2 public key X ‖ Y as a DER SubjectPublicKeyInfo (id-ecPublicKey, curve sm2p256v1,
 * 1.2.156.10197.1.301), the form node:crypto, OpenSSL and X.509 certificates take. OpenSSL 3
 * decodes this OID into an SM2 key (a key made by node's generateKeyPair('ec') on the SM2
 * curve is an ECDSA key instead: docs/pki.md).
 */
import { concatBytes, fromHex } from '../hex.js';
import { checkSm2PublicKey } from './sm2-keys.js';

const SPKI_PREFIX = fromHex('3059301306072A8648CE3D020106082A811CCF5501822D03420004');

export function sm2PublicKeyDer(publicKey: Uint8Array): Uint8Array {
  checkSm2PublicKey(publicKey);
  return concatBytes(SPKI_PREFIX, publicKey);
}
