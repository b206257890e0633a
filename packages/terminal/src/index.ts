/**
 * The terminal library (docs/terminal.md): host-side flows over a card and a PSAM or master
 * keys, the payment and PKI flows, and the standard terminal interface (SDK). The root is
 * exactly the names of the README's "API" list (scripts/test/structure.test.ts); the building
 * blocks (APDU link, key tables, item codecs, SDK formatters) stay inside the package, and what
 * the workspace's other packages need beyond this is `./internal`.
 */
export { type CardKeyRef, type KeyFamily, STANDARD_CARD_KEYS } from './card-keys.js';
export {
  FLOW_TABLE,
  type Flow,
  type FlowContext,
  FlowFailure,
  type FlowResult,
  type FlowTarget,
  type PsamProfileName,
  runFlows,
} from './flow-table.js';
export { type ReaderService, type ReaderServiceOptions, startReaderService } from './http/reader-service.js';
export type { CardIdentity, KeySource } from './key-source.js';
export { MasterKeySource, type MasterKeySourceOptions, testMasterKeys } from './master-key-source.js';
export type { DebitRecord } from './payment/debit-record.js';
export { type HostMasters, IssuerHost, type LoadRequest } from './payment/issuer-host.js';
export { MasterPurchaseAuthority } from './payment/master-purchase-authority.js';
export {
  type LoadResult,
  Passbook,
  type PurchaseInit,
  type PurchaseResult,
  type Recovery,
} from './payment/passbook.js';
export { PsamPurchaseAuthority } from './payment/psam-purchase-authority.js';
export type { Mac1, Mac1Request, PurchaseAuthority } from './payment/purchase-authority.js';
export { type TornTransaction, TornTransactionError } from './payment/torn-transaction.js';
export { pinBcd } from './pin-block.js';
export { type IssuedCard, type IssueRequest, issueCertificates } from './pki/issue-certificates.js';
export {
  ENCRYPTION_CERTIFICATE_FID,
  PKI_ADF_NAME,
  PKI_DDF_NAME,
  PkiCard,
  SIGNING_CERTIFICATE_FID,
} from './pki/pki-card.js';
export { type Envelope, TestCa } from './pki/test-ca.js';
export { PsamKeySource } from './psam-key-source.js';
export {
  type CardBasic,
  type CardCertificates,
  type CardInfo,
  type Catalogue,
  CERTIFICATE_FUNCTIONS,
  catalogueFromProfile,
  changePin,
  type DebitResult,
  doDebit,
  type EncryptionMachine,
  type FileSpec,
  formatHsmRequest,
  type HsmOperation,
  type HsmRequest,
  type HsmStep,
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
  parseHsmRequest,
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
  writeCard,
  writeCertificates,
} from './sdk/index.js';
export {
  type AccessOptions,
  type RecordAddress,
  SSSE_NAME,
  Terminal,
  type TerminalOptions,
} from './terminal.js';
export { type Device, ResponseMacError, TerminalError } from './terminal-error.js';
