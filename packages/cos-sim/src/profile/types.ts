/**
 * A validated profile: the JSON of docs/profile.md with every default filled in, every field
 * encoded to bytes and every rule parsed. buildImage and the perso script work from this only.
 */

// ministry = 2 levels (city, then card); province = 1 level (card): the codec's KeyFamily.
import type { KeyFamily } from '@ssc-cos/apdu-codec/crypto';
import type {
  Algorithm,
  CardOptions,
  DfLifecycle,
  ElementaryFile,
  KeyType,
  PassbookState,
} from '../image/types.js';
import type { TimingFigures } from '../timing/response-time.js';

export type { KeyFamily };
export type DiversificationOrder = 'city-then-card' | 'card-then-city';
/** Where the card factor comes from: last 8 ATR bytes (default) or of the card identification code. */
export type CardFactorSource = 'atr-last8' | 'card-id-last8';

export interface ProfileOptions extends CardOptions {
  pin: { value: string; tries: number };
  /** Retry counter of external-authentication (and line/unblock/reload) keys. */
  keyTries: number;
  diversificationOrder: DiversificationOrder;
  cardFactor: CardFactorSource;
  /** Region code (6 digits) for the city factor; null = read it from SSSE EF05 record 01. */
  region: string | null;
  /** How long the real card takes per command (`serve --timing real`, src/timing). */
  timing: TimingFigures;
}

/** A card key before diversification. */
export interface KeySpec {
  id: number;
  type: KeyType;
  /** null for the PIN (its value comes from options.pin). */
  family: KeyFamily | null;
  /** Name of the master key in Profile.masters; null for the PIN. */
  master: string | null;
  usageRight: number;
  changeRight: number;
  /** Follow-up state (PIN, external auth) or version (the others; FF where the layout has none). */
  followUpState: number;
  /** 0 = the key has no retry counter. */
  tries: number;
  /**
   * A PIN's own digits (11-pki: the PKI application's admin PIN in its ADF); null = the
   * cardholder's PIN, options.pin, and for every key that is not a PIN.
   */
  pinValue: string | null;
  /** Which PSAM key (usage byte, id) holds its master, when known. */
  psam: { usage: number; id: number } | null;
  /** JSON path, for messages. */
  path: string;
}

export interface PsamKeySpec {
  usage: number;
  id: number;
  algorithm: Algorithm;
  version: number;
  master: string;
  path: string;
}

export interface DfSpec {
  type: 'df';
  fid: number;
  name: Uint8Array | null;
  lifecycle: DfLifecycle;
  space: number;
  createRight: number;
  eraseRight: number;
  /** null = no key file (a DF without keys). */
  keyFile: { fid: number; space: number; addRight: number } | null;
  keys: KeySpec[];
  psamKeys: PsamKeySpec[];
  /** Further names for SELECT by name (05-psam v2: SM4 PSAMs also answer to sx3.sh.社会保障). */
  otherNames: Uint8Array[];
  /** 02-commands §v2: the exact FCI bytes this DF answers to SELECT; null = built as 01-card says. */
  fci: Uint8Array | null;
  /** The DF's passbook as issued (12-payment.md); null = none. */
  passbook: PassbookState | null;
  children: Array<DfSpec | ElementaryFile>;
  path: string;
}

export interface Profile {
  name: string;
  kind: 'card' | 'psam';
  description: string;
  algorithm: Algorithm;
  /** ATR = atrPrefix ‖ serial. */
  atrPrefix: Uint8Array;
  serial: Uint8Array;
  options: ProfileOptions;
  /** Master keys by name (16 bytes each). */
  masters: Record<string, Uint8Array>;
  mf: DfSpec;
}

export function isDfSpec(node: DfSpec | ElementaryFile): node is DfSpec {
  return node.type === 'df';
}
