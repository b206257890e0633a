/**
 * @ssc-cos/apdu-codec — the wire language of the card. Cryptography is the separate subpath
 * `@ssc-cos/apdu-codec/crypto`.
 *
 * The root names what the codec's users need, each list explicit so nothing becomes public by
 * being exported from a module for a sibling; it is exactly the README's "API" list
 * (scripts/test/structure.test.ts). Internal to the package: commandNameOf (the decoder's),
 * formatCommandDescription / formatResponseDescription (the CLI's), tagByteLength,
 * describeTraceEntry (the trace's), the status-word pattern table (describeSw's).
 */
export {
  type Atr,
  type AtrInterfaceGroup,
  type AtrSpec,
  atrOfferingT1,
  buildAtr,
  decodeSscHistorical,
  parseAtr,
  type SscHistorical,
} from './atr.js';
export {
  type BerTlv,
  type BerTlvInput,
  type BerTlvParseOptions,
  BerTlvWriter,
  encodeBerLength,
  encodeBerTlv,
  findBerTlv,
  isConstructedTag,
  parseBerTlv,
} from './ber-tlv.js';
export {
  type ClaInfo,
  type ClaKind,
  decodeCla,
  type SecureMessaging,
} from './cla.js';
export {
  type ApduCase,
  apduCase,
  type CommandApdu,
  EXTENDED_MAX_NC,
  EXTENDED_MAX_NE,
  encodeCommandApdu,
  parseCommandApdu,
  SHORT_MAX_NC,
  SHORT_MAX_NE,
} from './command-apdu.js';
export { commandName } from './command-names.js';
export {
  type CommandDescription,
  describeCommand,
  describeResponse,
  formatCommand,
  formatExchange,
  formatResponse,
  printableGbk,
  type ResponseDescription,
} from './decoder.js';
export {
  ApduError,
  type ApduErrorCode,
} from './errors.js';
export {
  concatBytes,
  fromHex,
  hexByte,
  hexWord,
  sameBytes,
  toHex,
} from './hex.js';
export { pinBytes } from './pin-bytes.js';
export {
  encodeResponseApdu,
  parseResponseApdu,
  type ResponseApdu,
  statusWordOf,
} from './response-apdu.js';
export {
  encodeSimpleTlv,
  encodeSimpleTlvList,
  parseSimpleTlvList,
  parseSimpleTlvRecord,
  type SimpleTlv,
} from './simple-tlv.js';
export {
  describeSw,
  formatSw,
  isKnownSw,
  parseSw,
  type SwCategory,
  type SwDescription,
  type SwSource,
} from './status-words.js';
export {
  T0Transport,
  type T0TransportOptions,
} from './t0-transport.js';
export {
  formatTrace,
  formatTraceEntry,
  parseTraceText,
  TRACE_HEADER,
  type Trace,
  type TraceEntry,
  type TraceFormatOptions,
  traceLines,
  writeTraceText,
} from './trace.js';
export {
  parsePcscdApduLog,
  parseScriptorLog,
  readTrace,
  type TraceSource,
  traceSource,
} from './trace-import.js';
export type { Transport } from './transport.js';
