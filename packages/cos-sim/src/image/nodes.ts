/**
 * The one set of constructors for image nodes (DFs, EFs, keys). buildImage (from a profile) and
 * the personalisation handlers (from APDUs) both build through here, so the two routes give
 * objects with the same properties in the same order — serialised images then compare equal.
 */

import type { Mutable } from './mutable.js';
import type {
  AccessRule,
  Algorithm,
  DedicatedFile,
  DfLifecycle,
  KeyObject,
  PassbookState,
  PsamKey,
  RecordFile,
  TransparentFile,
} from './types.js';

export const MF_FID = 0x3f00;

/** FCI proprietary template a DF gets: the MF announces the card's algorithm (01-card.md). */
export function defaultFciProprietary(fid: number, algorithm: Algorithm): Uint8Array {
  if (fid !== MF_FID) return new Uint8Array(0);
  return Uint8Array.of(0x9f, 0x0c, 0x03, 0x86, 0x01, algorithm === 'sm4' ? 0x03 : 0x01);
}

export interface DfFields {
  fid: number;
  name: Uint8Array | null;
  fciProprietary: Uint8Array;
  lifecycle: DfLifecycle;
  space: number;
  createRight: number;
  eraseRight: number;
  keyFile: DedicatedFile['keyFile'];
  keys: KeyObject[];
  psamKeys?: PsamKey[];
  otherNames?: Uint8Array[];
  fci?: Uint8Array;
  passbook?: PassbookState;
  children: DedicatedFile['children'];
}

export function dedicatedFile(f: DfFields): DedicatedFile {
  const df: Mutable<DedicatedFile> = {
    type: 'df',
    fid: f.fid,
    name: f.name,
    fciProprietary: f.fciProprietary,
    lifecycle: f.lifecycle,
    space: f.space,
    createRight: f.createRight,
    eraseRight: f.eraseRight,
    keyFile: f.keyFile,
    keys: f.keys,
    children: f.children,
  };
  if (f.psamKeys !== undefined) df.psamKeys = f.psamKeys;
  if (f.otherNames !== undefined && f.otherNames.length > 0) df.otherNames = f.otherNames;
  if (f.fci !== undefined) df.fci = f.fci;
  if (f.passbook !== undefined) df.passbook = f.passbook;
  return df;
}

export function keyFileDescriptor(
  fid: number,
  space: number,
  addRight: number,
): NonNullable<DedicatedFile['keyFile']> {
  return { fid, space, addRight };
}

interface EfCommon {
  fid: number;
  sfi: number | null;
  read: AccessRule;
  write: AccessRule;
}

export function transparentFile(c: EfCommon, size: number, data: Uint8Array | null): TransparentFile {
  const ef: TransparentFile =
    c.sfi === null
      ? { type: 'transparent', fid: c.fid, read: c.read, write: c.write, size, data }
      : { type: 'transparent', fid: c.fid, sfi: c.sfi, read: c.read, write: c.write, size, data };
  return ef;
}

export function recordFile(
  c: EfCommon,
  structure: RecordFile['type'],
  maxRecords: number,
  recordLength: number,
  records: Uint8Array[],
): RecordFile {
  return c.sfi === null
    ? { type: structure, fid: c.fid, read: c.read, write: c.write, maxRecords, recordLength, records }
    : {
        type: structure,
        fid: c.fid,
        sfi: c.sfi,
        read: c.read,
        write: c.write,
        maxRecords,
        recordLength,
        records,
      };
}

export function keyObject(k: KeyObject): KeyObject {
  return {
    id: k.id,
    type: k.type,
    usageRight: k.usageRight,
    changeRight: k.changeRight,
    followUpState: k.followUpState,
    maxTries: k.maxTries,
    triesLeft: k.triesLeft,
    algorithm: k.algorithm,
    value: k.value,
  };
}

export function psamKey(k: PsamKey): PsamKey {
  return { usage: k.usage, id: k.id, algorithm: k.algorithm, version: k.version, value: k.value };
}
