/** @ssc-cos/conformance: the conformance suite of the ssc-cos card contract. */
export type { ConformanceCase, Tag } from './catalogue/case.js';
export { CaseFailure, NotApplicable } from './catalogue/case-errors.js';
export { buildCatalogue } from './catalogue/index.js';
export { Kit } from './catalogue/kit.js';
export { Channel, type ChannelReply } from './channel/channel.js';
export { type Exchange, TraceLog } from './channel/trace.js';
export type {
  CardDescription,
  DfDescription,
  EfDescription,
  KeyDescription,
} from './description/card-description.js';
export { describeProfile } from './description/from-profile.js';
export { isMissingPsamKey, type SuiteKeys, suiteKeysFor } from './keys/suite-keys.js';
export { runModel } from './model/model-run.js';
// PC/SC (docs/pcsc.md). The `smartcard` binding is imported on first use only (loadSmartcard),
// so importing this package never needs it.
export {
  isListening,
  listPcscReaders,
  loadSmartcard,
  PCSCD_SOCKET,
  type Pcscd,
  type PcscdOptions,
  type PcscReaderState,
  PcscTransport,
  type PcscTransportOptions,
  pcscReaderStates,
  ServeProcess,
  type ServeProcessOptions,
  type SmartcardModule,
  startPcscd,
  VPCD_PORTS,
  VPCD_READERS,
  workspaceRoot,
} from './pcsc/index.js';
export { htmlReport } from './report/html.js';
export { junitXml } from './report/junit.js';
export { parseLedger } from './report/ledger.js';
export { mergeJunit } from './report/merge-junit.js';
export type { CaseResult, RunReport } from './report/result.js';
export { runDifferential } from './run/differential.js';
export { runSuite } from './run/runner.js';
export { parseShard } from './run/shard.js';
export { openTarget } from './targets/open-target.js';
export { SimTarget } from './targets/sim-target.js';
export type { Capabilities, Target } from './targets/target.js';
export type { Vector } from './vectors/format.js';
export { compileVector, replay } from './vectors/replay.js';
export { readVectorFile } from './vectors/vector-file.js';
