/**
 * The layout half of reading a DF from a profile: how much space its key file and the DF itself
 * take (image/physical-size.ts rules), defaulted to what the contents need and checked
 * against it. The parsing half is read-files.ts.
 */

import { MF_FID } from '../image/nodes.js';
import { keyRecordSize, MF_SPACE, PSAM_KEY_RECORD_SIZE, writeKeyDataLength } from '../image/physical-size.js';
import { usedSpace } from '../image/space.js';
import { ProfileError } from './errors.js';
import {
  asFid,
  asHexByte,
  asInteger,
  asObject,
  asString,
  type JsonObject,
  member,
  onlyKeys,
} from './json-reader.js';
import { DEFAULT_MANAGEMENT_RIGHT, type ReadContext } from './read-keys.js';
import type { DfSpec, KeySpec } from './types.js';

const DEFAULT_KEY_FILE_FID = 0x0000;

/**
 * The DF's key file (`keyFile` member), present when declared or when the DF holds keys; its
 * space defaults to what the keys take. `usedFids`: the FIDs of the DF's files.
 */
export function readKeyFile(
  obj: JsonObject,
  path: string,
  keys: readonly KeySpec[],
  psamKeyCount: number,
  usedFids: ReadonlySet<number>,
  ctx: ReadContext,
): DfSpec['keyFile'] {
  if (obj.keyFile === undefined && keys.length === 0 && psamKeyCount === 0) return null;
  const keyBytes =
    keys.reduce((sum, k) => sum + keyRecordSize(writeKeyDataLength(k.type, pinLength(k, ctx))), 0) +
    psamKeyCount * PSAM_KEY_RECORD_SIZE;
  const kfPath = member(path, 'keyFile');
  const kf = obj.keyFile === undefined ? {} : asObject(obj.keyFile, kfPath);
  onlyKeys(kf, kfPath, ['fid', 'space', 'add']);
  const fid =
    kf.fid === undefined
      ? DEFAULT_KEY_FILE_FID
      : asFid(asString(kf.fid, member(kfPath, 'fid')), member(kfPath, 'fid'));
  if (usedFids.has(fid))
    throw new ProfileError(member(kfPath, 'fid'), 'FID already used by a file of this DF');
  const space = kf.space === undefined ? keyBytes : asInteger(kf.space, member(kfPath, 'space'), 0, MF_SPACE);
  if (space < keyBytes)
    throw new ProfileError(member(kfPath, 'space'), `the keys need ${keyBytes} bytes, space is ${space}`);
  const addRight = kf.add === undefined ? DEFAULT_MANAGEMENT_RIGHT : asHexByte(kf.add, member(kfPath, 'add'));
  return { fid, space, addRight };
}

/** The DF's `space`: FFFF for the MF, else what its contents need, unless given (and enough). */
export function readDfSpace(
  obj: JsonObject,
  path: string,
  fid: number,
  keyFile: DfSpec['keyFile'],
  children: DfSpec['children'],
): number {
  const need = usedSpace({ keyFile, children });
  const space =
    obj.space === undefined
      ? fid === MF_FID
        ? MF_SPACE
        : need
      : asInteger(obj.space, member(path, 'space'), 0, MF_SPACE);
  if (need > space)
    throw new ProfileError(member(path, 'space'), `contents need ${need} bytes, space is ${space}`);
  return space;
}

/** The PIN's WRITE KEY value length (its BCD bytes); other keys are 16 bytes. */
function pinLength(key: KeySpec, ctx: ReadContext): number {
  return key.type === 'pin' ? Math.ceil((key.pinValue ?? ctx.options.pin.value).length / 2) : 16;
}
