/** @ssc-cos/cos-sim: the simulated social security card (and PSAM) engine. */
export { Card, type CardRuntimeOptions } from './card.js';
export { CardTransport } from './engine/card-transport.js';
export type { CommandContext } from './engine/context.js';
export {
  type AnyCommandHandler,
  type Command,
  type CommandHandler,
  defineHandler,
  type SecureMessagingPolicy,
} from './engine/handler.js';
export { type RandomSource, seededRandom } from './engine/random.js';
export type { Session } from './engine/session.js';
export * from './engine/status.js';
export type * from './image/types.js';
export * from './profile/index.js';
export { writeFileAtomic } from './state/atomic-file.js';
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
