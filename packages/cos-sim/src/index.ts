/**
 * @ssc-cos/cos-sim: the simulated social security card (and PSAM). The root is what a host
 * needs — a card from a profile, its transport, its persistent image and state file, the
 * response-time model — exactly the names of the README's "API" list (scripts/test/structure.test.ts).
 * The engine (handlers, status words, sessions) and the profile's building blocks stay inside
 * the package; what the workspace's other packages need beyond this is `./internal`.
 */
export { Card, type CardRuntimeOptions } from './card.js';
export { CardTransport } from './engine/card-transport.js';
export type { RandomSource } from './engine/random.js';
export type {
  AccessRule,
  CardImage,
  CardOptions,
  DedicatedFile,
  DfLifecycle,
  ElementaryFile,
  FileNode,
  KeyObject,
  KeyType,
  PassbookState,
  PsamKey,
  RecordFile,
  TransactionProof,
  TransparentFile,
  TransportProtocol,
} from './image/types.js';
export {
  type BuildOverrides,
  buildImage,
  builtinProfileNames,
  loadProfile,
  type Profile,
  ProfileError,
  type ProfileOptions,
} from './profile/index.js';
export { diffImages, type ImageDifference } from './state/diff.js';
export { deserializeImage, ImageFormatError, serializeImage } from './state/serialize.js';
export { loadStateFile, saveStateFile } from './state/state-file.js';
export {
  CONTACTLESS_WIRE,
  DEFAULT_TIMING,
  responseTimeMs,
  type TimingFigures,
} from './timing/response-time.js';
export { TimedTransport } from './timing/timed-transport.js';
