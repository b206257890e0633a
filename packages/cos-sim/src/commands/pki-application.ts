/**
 * What the PKI commands of 11-pki.md share (docs/pki.md): where the application is (the
 * current DF holding the signing key-pair EFs 0012/0013), its admin PIN (PIN key 01 of the
 * ADF; a right admin VERIFY raises the ADF's FMCOS register to the PIN's follow-up state, so
 * the admin right is the file rule "FMCOS F2" of the built-in profiles and ends with any DF
 * selection or reset), the `C0 02 pub C2 02 priv` FID pairs and the key-pair EFs' contents.
 *
 * Key pairs live in transparent EFs: a public-key EF holds `CA 40 ‖ X ‖ Y` (66 bytes, zeros
 * until a pair exists), its private-key EF d (32 bytes, read and write rule NEVER: only the
 * commands of this application use it, and none answers it).
 */
import { isSm2PrivateKey, isSm2PublicKey } from '@ssc-cos/apdu-codec/crypto';
import type { CommandContext } from '../engine/context.js';
import { childByFid } from '../engine/file-system.js';
import { SW_CONDITIONS_NOT_SATISFIED, SW_FILE_NOT_FOUND, SW_WRONG_DATA } from '../engine/status.js';
import { accessRule } from '../image/access-rule.js';
import type { AccessRule, DedicatedFile, TransparentFile } from '../image/types.js';
import { type KeyRef, keyIn } from '../security/keys.js';

export const SIGNING_PUBLIC_FID = 0x0012;
export const SIGNING_PRIVATE_FID = 0x0013;
export const ENCRYPTION_PUBLIC_FID = 0x0014;
export const ENCRYPTION_PRIVATE_FID = 0x0015;
/** The admin PIN's key id in the ADF (id 00 would shadow the cardholder's PIN there). */
export const ADMIN_PIN_ID = 0x01;
/** Tag and length of a public key as the card stores and answers it: `CA 40 ‖ X ‖ Y`. */
export const PUBLIC_KEY_TAG = 0xca;
export const PUBLIC_KEY_LENGTH = 64;
export const PUBLIC_KEY_EF_SIZE = 2 + PUBLIC_KEY_LENGTH;
export const PRIVATE_KEY_LENGTH = 32;

/** GET CHALLENGE length of the ciphered VERIFY and the admin PIN change: one SM4 block. */
export const PKI_CHALLENGE_LENGTH = 16;

const PUBLIC_FID_TAG = 0xc0;
const PRIVATE_FID_TAG = 0xc2;

/** The current DF and its depth when it is a PKI ADF. */
export interface PkiAdf {
  readonly df: DedicatedFile;
  readonly depth: number;
}

function isTransparent(df: DedicatedFile, fid: number, size: number): boolean {
  const ef = childByFid(df, fid);
  return ef !== undefined && ef.type === 'transparent' && ef.size === size;
}

/** Is `df` a PKI ADF (it holds the signing key-pair EFs)? */
export function isPkiAdf(df: DedicatedFile): boolean {
  return (
    isTransparent(df, SIGNING_PUBLIC_FID, PUBLIC_KEY_EF_SIZE) &&
    isTransparent(df, SIGNING_PRIVATE_FID, PRIVATE_KEY_LENGTH)
  );
}

/** The current DF as a PKI ADF, or 6985 (docs/pki.md: the PKI commands run in the ADF). */
export function pkiAdf(ctx: CommandContext): PkiAdf | number {
  const df = ctx.session.currentDf;
  return isPkiAdf(df) ? { df, depth: ctx.session.dfPath.length - 1 } : SW_CONDITIONS_NOT_SATISFIED;
}

/** The PKI DDF or ADF is current (80 C4 is accepted in both). */
export function inPkiApplication(ctx: CommandContext): boolean {
  const df = ctx.session.currentDf;
  return isPkiAdf(df) || df.children.some((c) => c.type === 'df' && isPkiAdf(c));
}

export function adminPinRef(ctx: CommandContext): KeyRef | undefined {
  const key = keyIn(ctx.session.currentDf, ADMIN_PIN_ID, 'pin');
  return key ? { key, depth: ctx.session.dfPath.length - 1 } : undefined;
}

/** The rule of the admin-PIN commands: the ADF's register at the admin PIN's follow-up state. */
export function adminRule(adf: PkiAdf): AccessRule {
  const state = (keyIn(adf.df, ADMIN_PIN_ID, 'pin')?.followUpState ?? 0x0f) & 0x0f;
  // No admin PIN (or a follow-up state of 0) would make the right free: never instead.
  return accessRule('FMCOS', state === 0 ? 0xef : 0xf0 | state, false);
}

export const USER_PIN_RULE: AccessRule = accessRule('PIN', 0, false);

/** `C0 02 <pub FID> C2 02 <priv FID>` → the two FIDs, or null for another shape. */
export function parseKeyPairFids(data: Uint8Array): [number, number] | null {
  if (data.length !== 8) return null;
  if (data[0] !== PUBLIC_FID_TAG || data[1] !== 2 || data[4] !== PRIVATE_FID_TAG || data[5] !== 2)
    return null;
  return [(data[2]! << 8) | data[3]!, (data[6]! << 8) | data[7]!];
}

/** `C2 02 <priv FID>` at the start of `data` → the FID, or null. */
export function parsePrivateFid(data: Uint8Array): number | null {
  if (data.length < 4 || data[0] !== PRIVATE_FID_TAG || data[1] !== 2) return null;
  return (data[2]! << 8) | data[3]!;
}

/** `C0 02 <pub FID>` at the start of `data` → the FID, or null. */
export function parsePublicFid(data: Uint8Array): number | null {
  if (data.length < 4 || data[0] !== PUBLIC_FID_TAG || data[1] !== 2) return null;
  return (data[2]! << 8) | data[3]!;
}

/** A key pair of the ADF: its public-key and private-key EFs. */
export interface KeyPairFiles {
  readonly adf: PkiAdf;
  readonly publicEf: TransparentFile;
  readonly privateEf: TransparentFile;
}

const KEY_PAIRS: ReadonlyArray<readonly [number, number]> = [
  [SIGNING_PUBLIC_FID, SIGNING_PRIVATE_FID],
  [ENCRYPTION_PUBLIC_FID, ENCRYPTION_PRIVATE_FID],
];

/** The pair named by (pub, priv): one of the ADF's pairs, else 6A82. */
export function keyPairFiles(adf: PkiAdf, publicFid: number, privateFid: number): KeyPairFiles | number {
  if (!KEY_PAIRS.some(([p, q]) => p === publicFid && q === privateFid)) return SW_FILE_NOT_FOUND;
  const publicEf = childByFid(adf.df, publicFid);
  const privateEf = childByFid(adf.df, privateFid);
  if (publicEf?.type !== 'transparent' || privateEf?.type !== 'transparent') return SW_FILE_NOT_FOUND;
  if (publicEf.size !== PUBLIC_KEY_EF_SIZE || privateEf.size !== PRIVATE_KEY_LENGTH) return SW_FILE_NOT_FOUND;
  return { adf, publicEf, privateEf };
}

/** The pair whose private-key EF is `privateFid`, else 6A82. */
export function keyPairOfPrivate(adf: PkiAdf, privateFid: number): KeyPairFiles | number {
  const pair = KEY_PAIRS.find(([, q]) => q === privateFid);
  return pair ? keyPairFiles(adf, pair[0], pair[1]) : SW_FILE_NOT_FOUND;
}

export function signingPair(adf: PkiAdf): KeyPairFiles | number {
  return keyPairFiles(adf, SIGNING_PUBLIC_FID, SIGNING_PRIVATE_FID);
}

/** X ‖ Y held by a public-key EF, or null while it holds none (zeros, never written). */
export function storedPublicKey(ef: TransparentFile): Uint8Array | null {
  const data = ef.data;
  if (data === null || data[0] !== PUBLIC_KEY_TAG || data[1] !== PUBLIC_KEY_LENGTH) return null;
  const point = data.subarray(2, PUBLIC_KEY_EF_SIZE);
  return isSm2PublicKey(point) ? point : null;
}

/** d held by a private-key EF, or null while it holds none. */
export function storedPrivateKey(ef: TransparentFile): Uint8Array | null {
  return ef.data !== null && isSm2PrivateKey(ef.data) ? ef.data : null;
}

/** `CA 40 ‖ X ‖ Y`: the public-key EF's contents and the answer of 80 C9. */
export function publicKeyRecord(point: Uint8Array): Uint8Array {
  const out = new Uint8Array(PUBLIC_KEY_EF_SIZE);
  out[0] = PUBLIC_KEY_TAG;
  out[1] = PUBLIC_KEY_LENGTH;
  out.set(point, 2);
  return out;
}

/** Writes a whole transparent EF of the ADF (a new array: the image is copy-on-write). */
export function writeKeyEf(ctx: CommandContext, adf: PkiAdf, ef: TransparentFile, bytes: Uint8Array): void {
  const data = new Uint8Array(ef.size);
  data.set(bytes);
  ctx.tx.replaceEf(adf.depth, { ...ef, data });
}

/** 6A80 unless `data` is exactly a tag, one length byte and that many bytes, at `offset`. */
export function checkTlvAt(data: Uint8Array, offset: number, tag: number, length: number): number {
  return data.length === offset + 2 + length && data[offset] === tag && data[offset + 1] === length
    ? 0
    : SW_WRONG_DATA;
}
