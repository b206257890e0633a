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
export { PsamKeySource } from './psam-key-source.js';
export * from './sdk/index.js';
export {
  type AccessOptions,
  algorithmFromFci,
  type RecordAddress,
  SSSE_NAME,
  Terminal,
  type TerminalOptions,
} from './terminal.js';
export { type Device, ResponseMacError, TerminalError } from './terminal-error.js';
