/**
 * Byte layouts of the personalisation commands (09-perso.md, after the Fudan FMCOS 2.0 manual):
 * the data field of CREATE FILE and of WRITE KEY, plus this project's vendor extensions. The
 * script writer encodes with these functions and the card's handlers decode with them, so the
 * two sides cannot drift apart.
 *
 * Vendor extensions (docs/profile.md):
 * - `E1 07 sfi rule(3) rule(3)` after an EF's 7 FMCOS bytes: the SFI (00 = none) and the exact
 *   read and write rules, for what one FMCOS byte cannot say (PIN|KEY, PIN+KEY, +SM on reads).
 * - `E2 01 lifecycle` as the whole data of a CREATE FILE naming an existing child DF: issues
 *   that DF in the given lifecycle (how DF04 leaves the factory temporarily blocked).
 */

import { accessRule, isPlainFmcosRule, nearestFmcosByte } from '../image/access-rule.js';
import { KEY_TYPE_BYTE } from '../image/key-type-byte.js';
import { keyObject } from '../image/nodes.js';
import { ownedBytes } from '../image/owned-bytes.js';
import type {
  AccessRule,
  Algorithm,
  DedicatedFile,
  DfLifecycle,
  KeyObject,
  KeyType,
  PassbookState,
  RecordFile,
} from '../image/types.js';
import { ACCESS_RULE_KINDS, DF_LIFECYCLES } from '../image/value-lists.js';
import { LINE_PROTECTION_KEY_ID } from '../security/keys.js';

// ---------------------------------------------------------------- CREATE FILE

const FILE_TYPE_DF = 0x38;
const FILE_TYPE_KEY_FILE = 0x3f;
const FILE_TYPE_TRANSPARENT = 0x28;
const FILE_TYPE_FIXED = 0x2a;
const FILE_TYPE_VARIABLE = 0x2c;
const FILE_TYPE_CYCLIC = 0x2e;
/** 12-payment: `2F balance(4) overdraft(3)` creates the current DF's passbook (docs/payment.md). */
const FILE_TYPE_PASSBOOK = 0x2f;
/** FMCOS FID of the passbook (存折); 0002 would be the purse (钱包), which these cards lack. */
export const PASSBOOK_FID = 0x0001;
/** Type byte bit 8: writes need a MAC; bit 7: writes are encrypted. */
const FILE_FLAG_MAC = 0x80;
const FILE_FLAG_ENCRYPTED = 0x40;
/** FMCOS "application file id" byte sent when creating a DF (09-perso.md example). */
const APP_FILE_ID = 0x95;
const NO_LINE_PROTECTION = 0xff;

const EXT_EF_RULES = 0xe1;
const EXT_ISSUE = 0xe2;

const STRUCTURE_BY_TYPE: Record<number, 'transparent' | RecordFile['type']> = {
  [FILE_TYPE_TRANSPARENT]: 'transparent',
  [FILE_TYPE_FIXED]: 'fixed',
  [FILE_TYPE_VARIABLE]: 'variable',
  [FILE_TYPE_CYCLIC]: 'cyclic',
};
const TYPE_BY_STRUCTURE = {
  transparent: FILE_TYPE_TRANSPARENT,
  fixed: FILE_TYPE_FIXED,
  variable: FILE_TYPE_VARIABLE,
  cyclic: FILE_TYPE_CYCLIC,
} as const;

export type CreateFileData =
  | { kind: 'passbook'; balance: number; overdraftLimit: number }
  | { kind: 'df'; space: number; createRight: number; eraseRight: number; name: Uint8Array }
  | { kind: 'key-file'; space: number; addRight: number }
  | {
      kind: 'ef';
      structure: 'transparent' | RecordFile['type'];
      /** transparent: size; record files: count and record length. */
      size: number;
      count: number;
      recordLength: number;
      sfi: number | null;
      read: AccessRule;
      write: AccessRule;
    }
  | { kind: 'issue'; lifecycle: DfLifecycle };

/** SFI FMCOS gives an EF without the extension: the FID's low 5 bits, when 1..30. */
function implicitSfi(fid: number): number | null {
  const low = fid & 0x1f;
  return low >= 1 && low <= 30 ? low : null;
}

function encodeRule(rule: AccessRule): number[] {
  const param = rule.kind === 'FMCOS' ? (rule.fmcos ?? 0) : (rule.key ?? 0);
  return [ACCESS_RULE_KINDS.indexOf(rule.kind), param, rule.sm ? 1 : 0];
}

function decodeRule(bytes: Uint8Array, at: number): AccessRule | null {
  const kind = ACCESS_RULE_KINDS[bytes[at]!];
  const flags = bytes[at + 2]!;
  if (kind === undefined || flags > 1) return null;
  return accessRule(kind, bytes[at + 1]!, flags === 1);
}

/** Rule an EF gets from its FMCOS bytes alone (no extension). */
function ruleFromFmcos(byte: number, sm: boolean): AccessRule {
  return accessRule('FMCOS', byte, sm);
}

export function encodeCreateDf(df: {
  space: number;
  createRight: number;
  eraseRight: number;
  name: Uint8Array | null;
}): Uint8Array {
  const name = df.name ?? new Uint8Array(0);
  const out = new Uint8Array(8 + name.length);
  out.set([
    FILE_TYPE_DF,
    df.space >> 8,
    df.space & 0xff,
    df.createRight,
    df.eraseRight,
    APP_FILE_ID,
    0xff,
    0xff,
  ]);
  out.set(name, 8);
  return out;
}

/** `dfSfiByte`: high 3 bits 000 for the MF/a DDF, 100 for an ADF (09-perso.md). */
export function encodeCreateKeyFile(kf: { space: number; addRight: number }, dfSfiByte: number): Uint8Array {
  return Uint8Array.of(
    FILE_TYPE_KEY_FILE,
    kf.space >> 8,
    kf.space & 0xff,
    dfSfiByte,
    kf.addRight,
    0xff,
    0xff,
  );
}

export function encodeCreateEf(ef: {
  fid: number;
  sfi?: number;
  type: 'transparent' | RecordFile['type'];
  size?: number;
  maxRecords?: number;
  recordLength?: number;
  read: AccessRule;
  write: AccessRule;
}): Uint8Array {
  const type = TYPE_BY_STRUCTURE[ef.type] | (ef.write.sm ? FILE_FLAG_MAC : 0);
  const sizeBytes =
    ef.type === 'transparent'
      ? [(ef.size ?? 0) >> 8, (ef.size ?? 0) & 0xff]
      : [ef.maxRecords ?? 0, ef.recordLength ?? 0];
  const lineProtection = ef.read.sm || ef.write.sm ? LINE_PROTECTION_KEY_ID : NO_LINE_PROTECTION;
  const fmcos = [
    type,
    ...sizeBytes,
    nearestFmcosByte(ef.read),
    nearestFmcosByte(ef.write),
    0xff,
    lineProtection,
  ];
  const sfi = ef.sfi ?? null;
  // The extension is left out only when the FMCOS bytes alone say everything.
  if (isPlainFmcosRule(ef.read) && isPlainFmcosRule(ef.write) && sfi === implicitSfi(ef.fid)) {
    return Uint8Array.from(fmcos);
  }
  return Uint8Array.from([
    ...fmcos,
    EXT_EF_RULES,
    7,
    sfi ?? 0,
    ...encodeRule(ef.read),
    ...encodeRule(ef.write),
  ]);
}

/** CREATE FILE data of a passbook as issued (balance, overdraft limit). */
export function encodeCreatePassbook(passbook: PassbookState): Uint8Array {
  const b = passbook.balance;
  const o = passbook.overdraftLimit;
  return Uint8Array.of(
    FILE_TYPE_PASSBOOK,
    b >>> 24,
    (b >>> 16) & 0xff,
    (b >>> 8) & 0xff,
    b & 0xff,
    o >> 16,
    (o >> 8) & 0xff,
    o & 0xff,
  );
}

export function encodeIssue(lifecycle: DfLifecycle): Uint8Array {
  return Uint8Array.of(EXT_ISSUE, 1, DF_LIFECYCLES.indexOf(lifecycle));
}

/** Decodes a CREATE FILE data field for file `fid`; `error` says what is wrong (→ 6700 / 6A80). */
export function decodeCreateFile(
  fid: number,
  data: Uint8Array,
): CreateFileData | { error: 'length' | 'data' } {
  const type = data[0];
  if (type === undefined) return { error: 'length' };
  if (type === EXT_ISSUE) {
    if (data.length !== 3 || data[1] !== 1) return { error: 'length' };
    const lifecycle = DF_LIFECYCLES[data[2]!];
    return lifecycle === undefined ? { error: 'data' } : { kind: 'issue', lifecycle };
  }
  if (type === FILE_TYPE_DF) {
    if (data.length < 8) return { error: 'length' };
    const nameLength = data.length - 8;
    // An FMCOS DF name is 5–16 bytes; no name at all is accepted for DFs selected by FID only.
    if (nameLength > 16 || (nameLength > 0 && nameLength < 5)) return { error: 'length' };
    return {
      kind: 'df',
      space: (data[1]! << 8) | data[2]!,
      createRight: data[3]!,
      eraseRight: data[4]!,
      name: ownedBytes(data.subarray(8)),
    };
  }
  if (type === FILE_TYPE_PASSBOOK) {
    if (data.length !== 8) return { error: 'length' };
    if (fid !== PASSBOOK_FID) return { error: 'data' };
    const balance = ((data[1]! << 24) >>> 0) + ((data[2]! << 16) | (data[3]! << 8) | data[4]!);
    return { kind: 'passbook', balance, overdraftLimit: (data[5]! << 16) | (data[6]! << 8) | data[7]! };
  }
  if (type === FILE_TYPE_KEY_FILE) {
    if (data.length !== 7) return { error: 'length' };
    return { kind: 'key-file', space: (data[1]! << 8) | data[2]!, addRight: data[4]! };
  }
  const structure = STRUCTURE_BY_TYPE[type & ~(FILE_FLAG_MAC | FILE_FLAG_ENCRYPTED)];
  if (structure === undefined) return { error: 'data' };
  if (data.length !== 7 && data.length !== 16) return { error: 'length' };
  const writeSm = (type & FILE_FLAG_MAC) !== 0;
  const common = {
    kind: 'ef' as const,
    structure,
    size: structure === 'transparent' ? (data[1]! << 8) | data[2]! : 0,
    count: structure === 'transparent' ? 0 : data[1]!,
    recordLength: structure === 'transparent' ? 0 : data[2]!,
  };
  if (data.length === 7) {
    return {
      ...common,
      sfi: implicitSfi(fid),
      read: ruleFromFmcos(data[3]!, false),
      write: ruleFromFmcos(data[4]!, writeSm),
    };
  }
  if (data[7] !== EXT_EF_RULES || data[8] !== 7) return { error: 'data' };
  const sfi = data[9]!;
  const read = decodeRule(data, 10);
  const write = decodeRule(data, 13);
  if (read === null || write === null || sfi > 30) return { error: 'data' };
  return { ...common, sfi: sfi === 0 ? null : sfi, read, write };
}

// ---------------------------------------------------------------- WRITE KEY

/** 34 reads as internal-auth; in a DF with a passbook it is the TAC key (keyTypeInDf). */
const KEY_TYPE_BY_BYTE = new Map<number, KeyType>(
  Object.entries(KEY_TYPE_BYTE)
    .filter(([name]) => name !== 'tac')
    .map(([name, byte]) => [byte, name as KeyType]),
);

/**
 * [decision, docs/payment.md] FMCOS writes the passbook's TAC key with type 34, the internal
 * key type: in a DF holding a passbook a 34 key is its DTK ('tac'), which INTERNAL
 * AUTHENTICATE never uses (an encryption oracle under DTK would forge SM4 TACs).
 */
export function keyTypeInDf(type: KeyType, df: DedicatedFile): KeyType {
  return type === 'internal-auth' && df.passbook !== undefined ? 'tac' : type;
}

/** The key type of a WRITE KEY type byte, its MAC/encryption flags ignored; undefined if unknown. */
export function keyTypeOfByte(byte: number): KeyType | undefined {
  return KEY_TYPE_BY_BYTE.get(byte & ~(KEY_FLAG_MAC | KEY_FLAG_ENCRYPTED));
}
/** WRITE KEY type byte bit 8: the command carries a MAC; bit 7 as well: its data is encrypted. */
export const KEY_FLAG_MAC = 0x80;
export const KEY_FLAG_ENCRYPTED = 0x40;

const ALGORITHM_BYTE: Record<Algorithm, number> = { '3des': 0x00, sm4: 0x03 };
const PIN_CHANGE_RIGHT = 0xef;
const NO_VERSION = 0xff;

/** Layout family of a key type: which bytes 4 and 5 of the record are. */
function layoutOf(type: KeyType): 'version-algorithm' | 'state-counter' | 'ff-counter' | 'pin' {
  switch (type) {
    case 'pin':
      return 'pin';
    case 'external-auth':
      return 'state-counter';
    case 'line-protection':
    case 'pin-unblock':
    case 'pin-reload':
      return 'ff-counter';
    default:
      return 'version-algorithm';
  }
}

/** The WRITE KEY data field (unprotected form) that installs `key`. */
export function encodeKeyRecord(key: KeyObject): Uint8Array {
  const layout = layoutOf(key.type);
  const counter = (key.maxTries << 4) | key.triesLeft;
  const head = [KEY_TYPE_BYTE[key.type], key.usageRight];
  let tail: number[];
  switch (layout) {
    case 'pin':
      tail = [PIN_CHANGE_RIGHT, key.followUpState, counter];
      break;
    case 'state-counter':
      tail = [key.changeRight, key.followUpState, counter];
      break;
    case 'ff-counter':
      tail = [key.changeRight, NO_VERSION, counter];
      break;
    case 'version-algorithm':
      tail = [key.changeRight, key.followUpState, ALGORITHM_BYTE[key.algorithm]];
      break;
  }
  const out = new Uint8Array(5 + key.value.length);
  out.set([...head, ...tail]);
  out.set(key.value, 5);
  return out;
}

/**
 * Decodes a WRITE KEY record into a key object. Keys whose layout has no algorithm byte take
 * the card's algorithm (a profile names one algorithm for all its keys, 04-crypto.md).
 */
export function decodeKeyRecord(
  data: Uint8Array,
  id: number,
  cardAlgorithm: Algorithm,
): KeyObject | { error: 'length' | 'data' } {
  if (data.length < 5) return { error: 'length' };
  const type = keyTypeOfByte(data[0]!);
  if (type === undefined) return { error: 'data' };
  const layout = layoutOf(type);
  const valueLength = data.length - 5;
  if (layout === 'pin' ? valueLength < 2 || valueLength > 8 : valueLength !== 16) return { error: 'length' };
  const value = ownedBytes(data.subarray(5));
  const usageRight = data[1]!;
  const b3 = data[2]!;
  const b4 = data[3]!;
  const b5 = data[4]!;
  // Keys with a counter carry it in byte 5 (high nibble max, low nibble left) and take the
  // card's algorithm; the others carry their algorithm there.
  const counted = layout !== 'version-algorithm';
  const algorithm = counted
    ? cardAlgorithm
    : b5 === ALGORITHM_BYTE.sm4
      ? 'sm4'
      : b5 === ALGORITHM_BYTE['3des']
        ? '3des'
        : null;
  if (algorithm === null) return { error: 'data' };
  const maxTries = counted ? b5 >> 4 : 0;
  const triesLeft = counted ? b5 & 0x0f : 0;
  if (triesLeft > maxTries) return { error: 'data' };
  if (layout === 'pin' && !isPinBcd(value)) return { error: 'data' };
  return keyObject({
    id,
    type,
    usageRight,
    changeRight: b3,
    followUpState: b4,
    maxTries,
    triesLeft,
    algorithm,
    value,
  });
}

/** BCD digits, optionally ending in F padding nibbles. */
function isPinBcd(value: Uint8Array): boolean {
  let padding = false;
  for (const byte of value) {
    for (const nibble of [byte >> 4, byte & 0x0f]) {
      if (nibble === 0xf) padding = true;
      else if (padding || nibble > 9) return false;
    }
  }
  return !(value[0]! >> 4 === 0xf);
}
