/**
 * The card's persistent memory (its "EEPROM") as one plain, versioned object.
 *
 * Everything a card keeps across power cycles lives here; everything it forgets on reset
 * (security status, pending challenge, pending GET RESPONSE data, current file) lives in the
 * engine's session state instead.
 *
 * Rule that makes snapshots, atomicity and 100,000 live images cheap: **a Uint8Array held by
 * an image is never modified in place.** A write replaces the array (and the objects on the
 * path to it). Two images may therefore share buffers safely, and a snapshot is a shallow copy.
 * Every field is `readonly` (arrays `ReadonlyArray`), so the compiler enforces the copy-on-write
 * rule for objects and arrays; for the bytes of a Uint8Array it stays a rule.
 */
import type { Algorithm } from '@ssc-cos/apdu-codec/crypto';

// The algorithm is the codec's (one name per concept); re-exported for the image's users.
export type { Algorithm };
export type TransportProtocol = 'T0' | 'T1';

/** One access right (03-security.md). Profiles write it as text, e.g. "PIN|KEY 01 +SM". */
export interface AccessRule {
  readonly kind: 'FREE' | 'NEVER' | 'PIN' | 'KEY' | 'PIN|KEY' | 'PIN+KEY' | 'FMCOS';
  /** Key id in the DF holding the file, for KEY, PIN|KEY and PIN+KEY. */
  readonly key?: number;
  /** The FMCOS XY byte, for kind FMCOS. */
  readonly fmcos?: number;
  /** +SM: the command must carry a valid line-protection MAC (DF key 03); reads return one. */
  readonly sm: boolean;
}

interface FileCommon {
  /** File identifier, e.g. 0xEF05. */
  readonly fid: number;
  /** Short file identifier (1..30), when the file has one. */
  readonly sfi?: number;
  readonly read: AccessRule;
  /** Update (and append, for cyclic files). */
  readonly write: AccessRule;
}

export interface TransparentFile extends FileCommon {
  readonly type: 'transparent';
  readonly size: number;
  /** null until first written: reads as zeros (02-commands.md). Exactly `size` bytes otherwise. */
  readonly data: Uint8Array | null;
}

export interface RecordFile extends FileCommon {
  /** fixed: linear fixed-length; variable: TLV records (tag, len, value); cyclic: fixed-length ring. */
  readonly type: 'fixed' | 'variable' | 'cyclic';
  /** Maximum number of records. */
  readonly maxRecords: number;
  /** Record length (fixed, cyclic) or maximum record length (variable). */
  readonly recordLength: number;
  /** records[0] is record 1. For cyclic files record 1 is the newest. */
  readonly records: readonly Uint8Array[];
}

export type ElementaryFile = TransparentFile | RecordFile;

/** FMCOS key types (09-perso.md) the card knows. */
export type KeyType =
  | 'pin' // 3A
  | 'external-auth' // 39
  | 'internal-auth' // 34
  | 'line-protection' // 36
  | 'pin-unblock' // 37
  | 'pin-reload' // 38
  | 'encrypt' // 30
  | 'decrypt' // 31
  | 'mac' // 32
  | 'purchase' // 3E, the passbook's DPK (12-payment.md)
  | 'load' // 3F, the passbook's DLK
  | 'tac'; // 34 in a DF with a passbook: its DTK (12-payment.md; elsewhere 34 is internal-auth)

export interface KeyObject {
  readonly id: number;
  readonly type: KeyType;
  /** FMCOS usage right (state needed to use the key). */
  readonly usageRight: number;
  /** FMCOS change right (0xEF for a PIN). */
  readonly changeRight: number;
  /** Follow-up state (PIN, external auth) or version (other keys). */
  readonly followUpState: number;
  /** Retry counter; 0/0 for keys without one. */
  readonly maxTries: number;
  readonly triesLeft: number;
  readonly algorithm: Algorithm;
  /** 16-byte key (already diversified for this card), or the PIN digits as BCD bytes. */
  readonly value: Uint8Array;
}

/** One entry of a PSAM's key table (05-psam.md): a master key, never a card key. */
export interface PsamKey {
  /** Usage byte: high 3 bits = diversification levels, low 5 bits = key type. */
  readonly usage: number;
  readonly id: number;
  readonly algorithm: Algorithm;
  readonly version: number;
  readonly value: Uint8Array;
}

export type DfLifecycle = 'active' | 'temporarily-blocked' | 'permanently-blocked';

export interface DedicatedFile {
  readonly type: 'df';
  readonly fid: number;
  /** DF name / AID, if any (the MF's is the 15-byte SSSE name). */
  readonly name: Uint8Array | null;
  /** Content of the FCI's A5 proprietary template (e.g. 9F0C ... 86 01 alg for the MF). */
  readonly fciProprietary: Uint8Array;
  readonly lifecycle: DfLifecycle;
  /** FMCOS bytes from CREATE FILE (09-perso.md). */
  readonly space: number;
  readonly createRight: number;
  readonly eraseRight: number;
  /** The DF's key file, once created; null on a DF that has none yet. */
  readonly keyFile: { readonly fid: number; readonly space: number; readonly addRight: number } | null;
  readonly keys: readonly KeyObject[];
  /** PSAM only: the key table this DF holds. */
  readonly psamKeys?: readonly PsamKey[];
  /**
   * Further names the DF answers to in SELECT by name (05-psam v2: the SM4 PSAMs' MF also
   * answers to `sx3.sh.社会保障`). Absent = none.
   */
  readonly otherNames?: readonly Uint8Array[];
  /**
   * The exact FCI SELECT answers (02-commands §v2: chip vendors differ), instead of the one
   * built from `name` and `fciProprietary`. Absent = built.
   */
  readonly fci?: Uint8Array;
  /** The electronic passbook of 12-payment.md (DF04 on the built-in cards); not a file. */
  readonly passbook?: PassbookState;
  readonly children: ReadonlyArray<DedicatedFile | ElementaryFile>;
}

export type FileNode = DedicatedFile | ElementaryFile;

/**
 * The electronic passbook (电子存折, 12-payment.md): persistent, changed only by DEBIT FOR
 * PURCHASE and CREDIT FOR LOAD, each in one atomic step with its EF08 record.
 */
export interface PassbookState {
  /** Fen, 0..FFFFFFFF. */
  readonly balance: number;
  /** Loads done (b 2). */
  readonly onlineCounter: number;
  /** Purchases done (b 2). */
  readonly offlineCounter: number;
  /** b 3, 0 on the built-in cards. */
  readonly overdraftLimit: number;
  /** What GET TRANSACTION PROVE answers: the last completed transaction; null before the first. */
  readonly lastProof: TransactionProof | null;
}

export interface TransactionProof {
  /** 05 purchase, 01 load. */
  readonly type: number;
  /** The counter after the transaction (the one GET TRANSACTION PROVE is asked with). */
  readonly counter: number;
  readonly mac2: Uint8Array;
  readonly tac: Uint8Array;
}

export interface CardOptions {
  readonly transport: TransportProtocol;
  /** Le values GET CHALLENGE accepts: [4, 8] (2g) or [4, 8, 16] (3g). */
  readonly challengeLengths: readonly number[];
  /** SM4 line-MAC truncation: leftmost 4 bytes (default) or XOR-fold of the block. */
  readonly sm4MacTruncation: 'left4' | 'xor-fold';
  /** Largest Lc / Ne the card takes in a short APDU. */
  readonly maxLc: number;
  readonly maxLe: number;
  /** 02-commands §v2: false = the MF is not selectable by FID 3F00 (by name and by empty SELECT only). Absent = true. */
  readonly mfSelectableByFid?: boolean;
}

export interface CardImage {
  readonly format: 'ssc-cos-image';
  readonly version: 1;
  readonly kind: 'card' | 'psam';
  /** Name of the profile it was built from (informational). */
  readonly profile: string;
  readonly atr: Uint8Array;
  readonly algorithm: Algorithm;
  readonly options: CardOptions;
  readonly mf: DedicatedFile;
  /** CARD BLOCK done: every command answers 6A81 for ever. */
  readonly cardBlocked: boolean;
  /** PSAM only: terminal number (cn 6), also readable from EF 0016. */
  readonly terminalNumber?: Uint8Array;
  /** PSAM only: the terminal transaction counter of purchases (12-payment.md), absent = 0. */
  readonly psamTransactionCounter?: number;
}
