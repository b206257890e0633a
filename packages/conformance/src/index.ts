/**
 * @ssc-cos/conformance: the conformance suite of the ssc-cos card contract — its cases, targets,
 * runner, reports, vectors and PC/SC transport. The root is exactly the names of the README's
 * "API" list (scripts/test/structure.test.ts); the model, the suite's keys and the CLI's helpers
 * stay inside the package.
 */

export { buildCatalogue } from './catalogue/index.js';
export { Channel, type ChannelReply } from './channel/channel.js';
export { type Exchange, TraceLog } from './channel/trace.js';
export type {
  CardDescription,
  DfDescription,
  EfDescription,
  KeyDescription,
} from './description/card-description.js';
export type { ConformanceCase, Tag } from './kit/case.js';
export { CaseFailure, NotApplicable } from './kit/case-errors.js';
export { Kit } from './kit/kit.js';
// PC/SC (docs/pcsc.md). The `smartcard` binding is imported on first use only,
// so importing this package never needs it.
export {
  listPcscReaders,
  PCSCD_SOCKET,
  type Pcscd,
  type PcscdOptions,
  type PcscReaderState,
  PcscTransport,
  type PcscTransportOptions,
  pcscReaderStates,
  ServeProcess,
  type ServeProcessOptions,
  startPcscd,
  VPCD_PORTS,
  VPCD_READERS,
} from './pcsc/index.js';
export { htmlReport } from './report/html.js';
export { junitXml } from './report/junit.js';
export { parseLedger } from './report/ledger.js';
export { mergeJunit } from './report/merge-junit.js';
export type { CaseResult, RunReport } from './report/result.js';
export { runDifferential } from './run/differential.js';
export { runSuite } from './run/runner.js';
export { openTarget } from './targets/open-target.js';
export { SimTarget } from './targets/sim-target.js';
export type { Capabilities, Target } from './targets/target.js';
export type { Vector } from './vectors/format.js';
export { replay } from './vectors/replay.js';
export { readVectorFile } from './vectors/vector-file.js';
