/** The file tree of a profile: DFs, EFs, access rules, records and data fields. */

import { hexWord } from '@ssc-cos/apdu-codec';
import { parseAccessRule } from '../image/access-rule.js';
import { MF_FID, recordFile, transparentFile } from '../image/nodes.js';
import type { AccessRule, DfLifecycle, ElementaryFile, RecordFile } from '../image/types.js';
import { readDfSpace, readKeyFile } from './df-layout.js';
import { ProfileError } from './errors.js';
import { encodeField, FIELD_ENCODINGS, type FieldSpec } from './field-encoding.js';
import {
  asArray,
  asEnum,
  asFid,
  asHexByte,
  asHexBytes,
  asInteger,
  asObject,
  asString,
  element,
  type JsonObject,
  member,
  onlyKeys,
} from './json-reader.js';
import { DEFAULT_MANAGEMENT_RIGHT, type ReadContext, readKeys, readPsamKeys } from './read-keys.js';
import { readPassbook } from './read-passbook.js';
import { type DfSpec, isDfSpec } from './types.js';

const LIFECYCLES: readonly DfLifecycle[] = ['active', 'temporarily-blocked', 'permanently-blocked'];
const FID_KEY = /^[0-9A-Fa-f]{4}$/;
/** MF → DF → DF: FMCOS allows three DF levels counting the MF (09-perso.md). */
const MAX_DF_DEPTH = 3;

const DF_PROPERTIES = [
  'structure',
  'name',
  'lifecycle',
  'space',
  'create',
  'erase',
  'keyFile',
  'keys',
  'psamKeys',
  'otherNames',
  'fci',
  'passbook',
];

/** A DF of the profile: its own properties, its children, its keys, then its layout (df-layout.ts). */
export function readDf(obj: JsonObject, path: string, fid: number, depth: number, ctx: ReadContext): DfSpec {
  const properties = readDfProperties(obj, path);
  const { children, fids } = readChildren(obj, path, depth, ctx);
  const keys = obj.keys === undefined ? [] : readKeys(obj.keys, member(path, 'keys'), ctx);
  const psamKeys =
    obj.psamKeys === undefined ? [] : readPsamKeys(obj.psamKeys, member(path, 'psamKeys'), ctx);
  if (psamKeys.length > 0 && ctx.kind !== 'psam') {
    throw new ProfileError(member(path, 'psamKeys'), 'only a PSAM profile holds psamKeys');
  }
  const keyFile = readKeyFile(obj, path, keys, psamKeys.length, fids, ctx);
  const space = readDfSpace(obj, path, fid, keyFile, children);
  const passbook =
    obj.passbook === undefined ? null : readPassbook(obj.passbook, member(path, 'passbook'), ctx.kind);
  return { type: 'df', fid, ...properties, space, keyFile, keys, psamKeys, passbook, children, path };
}

/** Names, FCI, lifecycle and management rights; rejects unknown properties. */
function readDfProperties(
  obj: JsonObject,
  path: string,
): Pick<DfSpec, 'name' | 'otherNames' | 'fci' | 'lifecycle' | 'createRight' | 'eraseRight'> {
  for (const key of Object.keys(obj)) {
    if (!FID_KEY.test(key) && !DF_PROPERTIES.includes(key))
      throw new ProfileError(member(path, key), 'unknown property');
  }
  if (obj.structure !== undefined && obj.structure !== 'df') {
    throw new ProfileError(member(path, 'structure'), `expected "df", got ${JSON.stringify(obj.structure)}`);
  }
  let name: Uint8Array | null = null;
  if (obj.name !== undefined) {
    name = readField(obj.name, member(path, 'name'), []);
    if (name.length < 5 || name.length > 16) {
      throw new ProfileError(member(path, 'name'), `a DF name is 5 to 16 bytes, got ${name.length}`);
    }
  }
  const otherNames =
    obj.otherNames === undefined
      ? []
      : asArray(obj.otherNames, member(path, 'otherNames')).map((f, i) => {
          const n = readField(f, element(member(path, 'otherNames'), i), []);
          if (n.length < 5 || n.length > 16)
            throw new ProfileError(
              element(member(path, 'otherNames'), i),
              `a DF name is 5 to 16 bytes, got ${n.length}`,
            );
          return n;
        });
  const fci = obj.fci === undefined ? null : asHexBytes(obj.fci, member(path, 'fci'), 2, 255);
  if (fci !== null && fci[0] !== 0x6f) throw new ProfileError(member(path, 'fci'), 'an FCI is a 6F template');
  const lifecycle =
    obj.lifecycle === undefined ? 'active' : asEnum(obj.lifecycle, member(path, 'lifecycle'), LIFECYCLES);
  const createRight =
    obj.create === undefined ? DEFAULT_MANAGEMENT_RIGHT : asHexByte(obj.create, member(path, 'create'));
  const eraseRight =
    obj.erase === undefined ? DEFAULT_MANAGEMENT_RIGHT : asHexByte(obj.erase, member(path, 'erase'));
  return { name, otherNames, fci, lifecycle, createRight, eraseRight };
}

/** The DFs and EFs under a DF (members named by a FID), with their FIDs and SFIs unique. */
function readChildren(
  obj: JsonObject,
  path: string,
  depth: number,
  ctx: ReadContext,
): { children: DfSpec['children']; fids: ReadonlySet<number> } {
  const children: DfSpec['children'] = [];
  const fids = new Set<number>();
  for (const [key, value] of Object.entries(obj)) {
    if (!FID_KEY.test(key)) continue;
    const childPath = member(path, key);
    const childFid = asFid(key, childPath);
    if (fids.has(childFid)) throw new ProfileError(childPath, 'FID used twice in this DF');
    if (childFid === MF_FID || childFid === 0xffff) throw new ProfileError(childPath, 'FID reserved');
    fids.add(childFid);
    const child = asObject(value, childPath);
    if (child.structure === 'df') {
      if (depth + 1 > MAX_DF_DEPTH)
        throw new ProfileError(childPath, `DFs nest at most ${MAX_DF_DEPTH} levels deep (MF included)`);
      children.push(readDf(child, childPath, childFid, depth + 1, ctx));
    } else {
      children.push(readEf(child, childPath, childFid));
    }
  }
  const sfis = new Set<number>();
  for (const child of children) {
    if (isDfSpec(child) || child.sfi === undefined) continue;
    if (sfis.has(child.sfi))
      throw new ProfileError(member(path, hexWord(child.fid)), 'SFI used twice in this DF');
    sfis.add(child.sfi);
  }
  return { children, fids };
}

function readRule(value: unknown, path: string): AccessRule {
  const rule = parseAccessRule(asString(value, path));
  if (typeof rule === 'string') throw new ProfileError(path, rule);
  return rule;
}

function readEf(obj: JsonObject, path: string, fid: number): ElementaryFile {
  const structure = asEnum(obj.structure, member(path, 'structure'), [
    'df',
    'transparent',
    'fixed',
    'variable',
    'cyclic',
  ] as const);
  const sfi = obj.sfi === undefined ? null : asHexByte(obj.sfi, member(path, 'sfi'));
  if (sfi !== null && (sfi < 1 || sfi > 30))
    throw new ProfileError(member(path, 'sfi'), `an SFI is 01..1E, got ${sfi}`);
  const common = {
    fid,
    sfi,
    read: readRule(obj.read, member(path, 'read')),
    write: readRule(obj.write, member(path, 'write')),
  };

  if (structure === 'transparent') {
    onlyKeys(obj, path, ['structure', 'sfi', 'read', 'write', 'size', 'data']);
    const size = asInteger(obj.size, member(path, 'size'), 1, 0x7fff);
    let data: Uint8Array | null = null;
    if (obj.data !== undefined) {
      const bytes = readField(obj.data, member(path, 'data'), []);
      if (bytes.length > size)
        throw new ProfileError(member(path, 'data'), `expected at most ${size} bytes, got ${bytes.length}`);
      // A written transparent EF holds exactly `size` bytes; the rest of it stays zero.
      data = new Uint8Array(size);
      data.set(bytes);
    }
    return transparentFile(common, size, data);
  }
  onlyKeys(obj, path, ['structure', 'sfi', 'read', 'write', 'maxRecords', 'recordLength', 'records']);
  const recordsPath = member(path, 'records');
  const rawRecords = obj.records === undefined ? [] : asArray(obj.records, recordsPath);
  const records = rawRecords.map((r, i) =>
    structure === 'variable'
      ? readTlvRecord(r, element(recordsPath, i))
      : readFixedRecord(r, element(recordsPath, i)),
  );
  const longest = records.reduce((m, r) => Math.max(m, r.length), 0);
  const recordLength =
    obj.recordLength === undefined
      ? structure === 'variable'
        ? longest
        : missing(member(path, 'recordLength'))
      : asInteger(obj.recordLength, member(path, 'recordLength'), 1, 255);
  if (recordLength === 0)
    throw new ProfileError(member(path, 'recordLength'), 'required when there are no records');
  const maxRecords =
    obj.maxRecords === undefined
      ? structure === 'cyclic'
        ? missing(member(path, 'maxRecords'))
        : records.length
      : asInteger(obj.maxRecords, member(path, 'maxRecords'), 1, 254);
  if (maxRecords === 0)
    throw new ProfileError(member(path, 'maxRecords'), 'required when there are no records');
  if (records.length > maxRecords) {
    throw new ProfileError(recordsPath, `${records.length} records, maxRecords is ${maxRecords}`);
  }
  records.forEach((r, i) => {
    const ok = structure === 'variable' ? r.length <= recordLength : r.length === recordLength;
    if (!ok) {
      const want = structure === 'variable' ? `at most ${recordLength}` : `${recordLength}`;
      throw new ProfileError(element(recordsPath, i), `expected ${want} bytes, got ${r.length}`);
    }
  });
  return recordFile(common, structure as RecordFile['type'], maxRecords, recordLength, records);
}

function missing(path: string): never {
  throw new ProfileError(path, 'required');
}

/** A field object {enc, value, len?, pad?}; `extra` lists further members the caller reads. */
function readField(value: unknown, path: string, extra: readonly string[]): Uint8Array {
  const obj = asObject(value, path);
  onlyKeys(obj, path, ['enc', 'value', 'len', 'pad', ...extra]);
  const spec: FieldSpec = {
    enc: asEnum(obj.enc, member(path, 'enc'), FIELD_ENCODINGS),
    value: asString(obj.value, member(path, 'value')),
  };
  if (obj.len !== undefined) spec.len = asInteger(obj.len, member(path, 'len'), 0, 0x7fff);
  if (obj.pad !== undefined) spec.pad = asHexByte(obj.pad, member(path, 'pad'));
  const result = encodeField(spec);
  if (!result.ok) throw new ProfileError(member(path, result.at), result.reason);
  return result.bytes;
}

/** Variable-length record: {tag, enc, value, len?, pad?} → tag ‖ len ‖ value. */
function readTlvRecord(value: unknown, path: string): Uint8Array {
  const obj = asObject(value, path);
  const tag = asHexByte(obj.tag, member(path, 'tag'));
  if (tag === 0x00 || tag === 0xff)
    throw new ProfileError(member(path, 'tag'), 'tags 00 and FF are not record identifiers');
  const body = readField(obj, path, ['tag']);
  if (body.length > 253)
    throw new ProfileError(member(path, 'value'), `a TLV value is at most 253 bytes, got ${body.length}`);
  const out = new Uint8Array(2 + body.length);
  out[0] = tag;
  out[1] = body.length;
  out.set(body, 2);
  return out;
}

/** Fixed-length or cyclic record: one field, or {fields: [field, ...]} concatenated. */
function readFixedRecord(value: unknown, path: string): Uint8Array {
  const obj = asObject(value, path);
  if (obj.fields === undefined) return readField(obj, path, []);
  onlyKeys(obj, path, ['fields']);
  const parts = asArray(obj.fields, member(path, 'fields')).map((f, i) =>
    readField(f, element(member(path, 'fields'), i), []),
  );
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
