/**
 * `@ssc-cos/apdu-codec/crypto`: the one crypto module of the project, shared by the card
 * engine, the PSAM and the terminal library (04-crypto.md). DES is OpenSSL's (node:crypto),
 * SM4 is hand-written (sm4.ts, faster for short messages, cross-checked against OpenSSL); SM3 is
 * OpenSSL's, SM2 is sm-crypto-v2's (it takes the card's own random source; docs/pki.md); the
 * per-key state is cached. See docs/crypto.md.
 */
export { ADMIN_PIN_CHANGE_HEADER, adminPinChangeData, adminPinChangeMac } from './admin-pin-change.js';
export { type Algorithm, blockSize } from './algorithm.js';
export { directCryptogram, internalAuthentication, sessionCryptogram } from './authentication.js';
export { cipheredPin, pinCipherKey } from './ciphered-pin.js';
export { challengeFactor, diversify, diversifyChain, type KeyFamily, sessionKey } from './diversify.js';
export { decryptEcb, encryptEcb } from './ecb.js';
export { equalBytes } from './equal-bytes.js';
export { decryptLdBlock, encryptLdBlock } from './ld-block.js';
export { lineMac, MAC_LENGTH, type MacTruncation, macInput, macIv, reloadPinMac } from './mac.js';
export { pbocMac } from './pboc-mac.js';
export { loadSessionKey, purchaseSessionKey } from './pboc-session-key.js';
export { tacKey, transactionTac } from './pboc-tac.js';
export {
  algorithmByte,
  algorithmOfByte,
  LOAD_TYPE,
  type LoadFields,
  loadMac1,
  loadMac1Input,
  loadMac2,
  loadMac2Input,
  loadTac,
  loadTacInput,
  PURCHASE_TYPE,
  type PurchaseFields,
  purchaseMac1,
  purchaseMac1Input,
  purchaseMac2,
  purchaseMac2Input,
  purchaseTac,
  purchaseTacInput,
} from './pboc-transaction.js';
export type { RandomSource } from './random-source.js';
export {
  type ProtectOptions,
  protectCommand,
  protectedApdu,
  responseMac,
  SM_CLA_BIT,
  stripMac,
  verifyCommandMac,
  verifyResponseMac,
} from './secure-messaging.js';
export { SM2_CIPHERTEXT_OVERHEAD, sm2Decrypt, sm2Encrypt } from './sm2-encryption.js';
export {
  checkSm2PublicKey,
  generateSm2KeyPair,
  isSm2PrivateKey,
  isSm2PublicKey,
  SM2_ORDER,
  type Sm2KeyPair,
  sm2PublicKeyOf,
} from './sm2-keys.js';
export { sm2PublicKeyDer } from './sm2-public-key-der.js';
export {
  SM2_DEFAULT_ID,
  SM2_SIGNATURE_LENGTH,
  sm2Digest,
  sm2Sign,
  sm2SignDigest,
  sm2Verify,
  sm2VerifyDigest,
  sm2Z,
} from './sm2-signature.js';
export { SM3_LENGTH, sm3 } from './sm3.js';
