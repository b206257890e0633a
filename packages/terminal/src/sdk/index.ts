/** The standard terminal interface (10-terminal-api.md, docs/terminal.md): SDK names over typed functions. */
export { fields, type SdkAnswer } from './answer.js';
export { type CardInfo, cardInfoOf, formatCardInfo, parseCardInfo } from './card-info.js';
export {
  type Catalogue,
  catalogueFromProfile,
  type FileSpec,
  type ItemEncoding,
  type ItemSpec,
  STANDARD_CATALOGUE,
} from './catalogue.js';
export {
  type CardCertificates,
  CERTIFICATE_FUNCTIONS,
  iReadCA,
  iWriteCA,
  readCertificates,
  type WriteCaRequest,
  writeCertificates,
} from './certificates.js';
export {
  DEBIT_FUNCTIONS,
  type DebitResult,
  doDebit,
  fenToYuan,
  formatDebit,
  iDoDebit,
  iDoDebit_HSM_Step1,
  iDoDebit_HSM_Step2,
  iReadDebitRecord,
  type PayInfo,
  parsePayInfo,
  readDebitRecords,
} from './debit.js';
export { type EncryptionMachine, SoftwareEncryptionMachine } from './encryption-machine.js';
export { type FileAddress, formatBlocks, parseBlocks, parseFileAddr } from './file-address.js';
export { findSdkFunction, SDK_FUNCTIONS } from './functions.js';
export {
  type HsmStep,
  hsmContinue,
  hsmStart,
  iReadCard_HSM_Step1,
  iReadCard_HSM_Step2,
  iReloadPIN_HSM_Step1,
  iReloadPIN_HSM_Step2,
  iUnblockPIN_HSM_Step1,
  iUnblockPIN_HSM_Step2,
  iWriteCard_HSM_Step1,
  iWriteCard_HSM_Step2,
  withEncryptionMachine,
} from './hsm.js';
export { formatHsmRequest, type HsmOperation, type HsmRequest, parseHsmRequest } from './hsm-request.js';
export { decodeItem, encodeItem } from './item-values.js';
export {
  changePin,
  iChangePIN,
  iReloadPIN,
  iUnblockPIN,
  iVerifyPIN,
  reloadPin,
  unblockPin,
  verifyPin,
} from './pin.js';
export { iReadCard, type ReadCardRequest, readCard } from './read-card.js';
export { type CardBasic, formatCardBasic, iReadCardBas, readCardBasic } from './read-card-basic.js';
export { type IType, parseIType, type Reader } from './reader.js';
export { iGetReaderInfo, type ReaderInfo, readerInfo } from './reader-info.js';
export { RC, SdkError } from './return-codes.js';
export type { SdkFunction, SdkOptions } from './sdk-function.js';
export { iWriteCard, type WriteCardRequest, writeCard } from './write-card.js';
