/** Profiles: JSON descriptions of cards and PSAMs (docs/profile.md) → CardImages. */
export { accessRule, formatAccessRule, nearestFmcosByte, parseAccessRule } from '../image/access-rule.js';
export { atrOf, type BuildOverrides, buildImage, cardOptionsOf } from './build-image.js';
export {
  cityFactorOf,
  type DiversificationFactors,
  deriveCardKey,
  diversificationFactors,
  regionOf,
} from './diversification.js';
export { ProfileError } from './errors.js';
export { encodeField, type FieldEncoding, type FieldSpec } from './field-encoding.js';
export { type KeyTableEntry, profileKeyTable, profileMasters } from './host-keys.js';
export { BUILTIN_PROFILE_DIR, builtinProfileNames, loadProfile, withAlgorithm } from './load.js';
export { masterFromLabel, testMasterKey } from './master-keys.js';
export type {
  CardFactorSource,
  DfSpec,
  DiversificationOrder,
  KeyFamily,
  KeySpec,
  Profile,
  ProfileOptions,
  PsamKeySpec,
} from './types.js';
export { PROFILE_FORMAT, validateProfile } from './validate.js';
