/** The terminal library (docs/terminal.md): host-side flows over a card and a PSAM or master keys. */
export { ApduLink, apdu, type Reply } from './apdu-link.js';
export { type BasicInfo, decodeBasicInfo } from './basic-info.js';
export {
  type CardKeyRef,
  findCardKey,
  KEY_ID,
  type KeyFamily,
  MF,
  STANDARD_CARD_KEYS,
  STANDARD_MASTER_NAMES,
} from './card-keys.js';
export {
  FLOW_TABLE,
  type Flow,
  type FlowContext,
  FlowFailure,
  type FlowResult,
  type FlowTarget,
  type PsamProfileName,
  RecordingTransport,
  runFlows,
} from './flow-table.js';
export { type ReaderService, type ReaderServiceOptions, startReaderService } from './http/reader-service.js';
export { type CardIdentity, factorsOf, type KeySource } from './key-source.js';
export { MasterKeySource, type MasterKeySourceOptions, testMasterKeys } from './master-key-source.js';
export { DEBIT_RECORD_LENGTH, type DebitRecord, decodeDebitRecord } from './payment/debit-record.js';
export { type HostMasters, IssuerHost, type LoadRequest } from './payment/issuer-host.js';
export { MasterPurchaseAuthority } from './payment/master-purchase-authority.js';
export {
  bcdDateTime,
  type LoadResult,
  Passbook,
  type PurchaseInit,
  type PurchaseResult,
  type Recovery,
} from './payment/passbook.js';
export { PsamPurchaseAuthority } from './payment/psam-purchase-authority.js';
export type { Mac1, Mac1Request, PurchaseAuthority } from './payment/purchase-authority.js';
export { type TornTransaction, TornTransactionError } from './payment/torn-transaction.js';
export { ldBlockPlain, pinBcd } from './pin-block.js';
export { sm2SignatureDer } from './pki/der.js';
export { type IssuedCard, type IssueRequest, issueCertificates } from './pki/issue-certificates.js';
export {
  CERTIFICATE_EF_SIZE,
  ENCRYPTION_CERTIFICATE_FID,
  ENCRYPTION_KEY_PAIR,
  PKI_ADF_NAME,
  PKI_DDF_NAME,
  PkiCard,
  SIGNING_CERTIFICATE_FID,
  SIGNING_KEY_PAIR,
  wrapPrivateKey,
} from './pki/pki-card.js';
export { type Envelope, TestCa } from './pki/test-ca.js';
export { PsamKeySource } from './psam-key-source.js';
export {
  type CardBasic,
  type CardCertificates,
  type CardInfo,
  type Catalogue,
  CERTIFICATE_FUNCTIONS,
  cardInfoOf,
  catalogueFromProfile,
  changePin,
  DEBIT_FUNCTIONS,
  type DebitResult,
  decodeItem,
  doDebit,
  type EncryptionMachine,
  encodeItem,
  type FileAddress,
  type FileSpec,
  fenToYuan,
  fields,
  findSdkFunction,
  formatBlocks,
  formatCardBasic,
  formatCardInfo,
  formatDebit,
  formatHsmRequest,
  type HsmOperation,
  type HsmRequest,
  type HsmStep,
  hsmContinue,
  hsmStart,
  type IType,
  type ItemEncoding,
  type ItemSpec,
  iChangePIN,
  iDoDebit,
  iDoDebit_HSM_Step1,
  iDoDebit_HSM_Step2,
  iGetReaderInfo,
  iReadCA,
  iReadCard,
  iReadCard_HSM_Step1,
  iReadCard_HSM_Step2,
  iReadCardBas,
  iReadDebitRecord,
  iReloadPIN,
  iReloadPIN_HSM_Step1,
  iReloadPIN_HSM_Step2,
  iUnblockPIN,
  iUnblockPIN_HSM_Step1,
  iUnblockPIN_HSM_Step2,
  iVerifyPIN,
  iWriteCA,
  iWriteCard,
  iWriteCard_HSM_Step1,
  iWriteCard_HSM_Step2,
  type PayInfo,
  parseBlocks,
  parseCardInfo,
  parseFileAddr,
  parseHsmRequest,
  parseIType,
  parsePayInfo,
  RC,
  type ReadCardRequest,
  type Reader,
  type ReaderInfo,
  readCard,
  readCardBasic,
  readCertificates,
  readDebitRecords,
  readerInfo,
  reloadPin,
  SDK_FUNCTIONS,
  type SdkAnswer,
  SdkError,
  type SdkFunction,
  type SdkOptions,
  SoftwareEncryptionMachine,
  STANDARD_CATALOGUE,
  unblockPin,
  verifyPin,
  type WriteCaRequest,
  type WriteCardRequest,
  withEncryptionMachine,
  writeCard,
  writeCertificates,
} from './sdk/index.js';
export {
  type AccessOptions,
  algorithmFromFci,
  type RecordAddress,
  SSSE_NAME,
  Terminal,
  type TerminalOptions,
} from './terminal.js';
export { type Device, ResponseMacError, TerminalError } from './terminal-error.js';
