/**
 * A CardImage as text and back: JSON in the image's own shape, every Uint8Array as upper-case
 * hex. `deserializeImage` validates everything and fails with one clear message naming the
 * path of the first bad field, so a hand-edited or truncated state file never becomes a card.
 */

import { hexWord } from '@ssc-cos/apdu-codec';
import type { Mutable } from '../image/mutable.js';
import type {
  AccessRule,
  Algorithm,
  CardImage,
  CardOptions,
  DedicatedFile,
  ElementaryFile,
  FileNode,
  KeyObject,
  PassbookState,
  PsamKey,
} from '../image/types.js';
import { ACCESS_RULE_KINDS, DF_LIFECYCLES, KEY_TYPES } from '../image/value-lists.js';

export class ImageFormatError extends Error {
  override readonly name = 'ImageFormatError';
}

const HEX = /^(?:[0-9A-F]{2})*$/;

function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}

/**
 * JSON text of the image (compact: the state file of a full card stays well under 16 KB).
 * Bytes are taken from the holder (`this[key]`), not from `value`: JSON.stringify calls
 * `toJSON` first, which turns a Node Buffer (or any Uint8Array subclass with a toJSON) into
 * something else before the replacer sees it.
 */
export function serializeImage(image: CardImage): string {
  return JSON.stringify(image, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Uint8Array ? bytesToHex(raw) : value;
  });
}

type Json = unknown;

class Reader {
  constructor(private readonly path: string) {}

  fail(message: string): never {
    throw new ImageFormatError(`invalid card image at ${this.path || '<root>'}: ${message}`);
  }

  at(key: string | number): Reader {
    return new Reader(
      typeof key === 'number' ? `${this.path}[${key}]` : this.path ? `${this.path}.${key}` : key,
    );
  }

  object(value: Json): Record<string, Json> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail('expected an object');
    return value as Record<string, Json>;
  }

  array(value: Json): Json[] {
    if (!Array.isArray(value)) this.fail('expected an array');
    return value;
  }

  int(value: Json, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(`expected an integer in ${min}..${max}, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  bool(value: Json): boolean {
    if (typeof value !== 'boolean') this.fail('expected true or false');
    return value;
  }

  string(value: Json): string {
    if (typeof value !== 'string') this.fail('expected a string');
    return value;
  }

  oneOf<T extends string>(value: Json, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.fail(`expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value as T;
  }

  boolean(value: Json): boolean {
    if (typeof value !== 'boolean') this.fail(`expected true or false, got ${JSON.stringify(value)}`);
    return value;
  }

  bytes(value: Json, length?: number): Uint8Array {
    if (typeof value !== 'string' || !HEX.test(value)) this.fail('expected upper-case hex bytes');
    const out = Uint8Array.from(Buffer.from(value, 'hex'));
    if (length !== undefined && out.length !== length)
      this.fail(`expected ${length} bytes, got ${out.length}`);
    return out;
  }
}

function field(r: Reader, obj: Record<string, Json>, key: string): [Reader, Json] {
  if (!(key in obj)) r.at(key).fail('missing');
  return [r.at(key), obj[key]];
}

const ALGORITHMS: readonly Algorithm[] = ['3des', 'sm4'];

function readRule(r: Reader, value: Json): AccessRule {
  const o = r.object(value);
  const kind = r.at('kind').oneOf(o.kind, ACCESS_RULE_KINDS);
  const rule: Mutable<AccessRule> = { kind, sm: r.at('sm').bool(o.sm) };
  if (kind === 'KEY' || kind === 'PIN|KEY' || kind === 'PIN+KEY') rule.key = r.at('key').int(o.key, 0, 255);
  if (kind === 'FMCOS') rule.fmcos = r.at('fmcos').int(o.fmcos, 0, 255);
  return rule;
}

function readKey(r: Reader, value: Json): KeyObject {
  const o = r.object(value);
  const get = (k: string) => field(r, o, k);
  const [maxR, maxV] = get('maxTries');
  const maxTries = maxR.int(maxV, 0, 15);
  const [leftR, leftV] = get('triesLeft');
  const key: KeyObject = {
    id: r.at('id').int(o.id, 0, 255),
    type: r.at('type').oneOf(o.type, KEY_TYPES),
    usageRight: r.at('usageRight').int(o.usageRight, 0, 255),
    changeRight: r.at('changeRight').int(o.changeRight, 0, 255),
    followUpState: r.at('followUpState').int(o.followUpState, 0, 255),
    maxTries,
    triesLeft: leftR.int(leftV, 0, maxTries),
    algorithm: r.at('algorithm').oneOf(o.algorithm, ALGORITHMS),
    value: r.at('value').bytes(o.value),
  };
  // 09-perso.md WRITE KEY: a PIN is 2–8 bytes, every other key 16 (3DES 2-key and SM4 alike).
  // A key of another length would only fail later, inside a cipher (6F00), never as a card would.
  const [min, max] = key.type === 'pin' ? [2, 8] : [16, 16];
  if (key.value.length < min || key.value.length > max) {
    r.at('value').fail(
      `a ${key.type} key is ${min === max ? min : `${min}–${max}`} bytes, got ${key.value.length}`,
    );
  }
  return key;
}

function readPsamKey(r: Reader, value: Json): PsamKey {
  const o = r.object(value);
  return {
    usage: r.at('usage').int(o.usage, 0, 255),
    id: r.at('id').int(o.id, 0, 255),
    algorithm: r.at('algorithm').oneOf(o.algorithm, ALGORITHMS),
    version: r.at('version').int(o.version, 0, 255),
    value: r.at('value').bytes(o.value),
  };
}

function readEf(r: Reader, o: Record<string, Json>, type: ElementaryFile['type']): ElementaryFile {
  const common = {
    fid: r.at('fid').int(o.fid, 0, 0xffff),
    read: readRule(r.at('read'), o.read),
    write: readRule(r.at('write'), o.write),
  };
  const sfi = o.sfi === undefined ? undefined : r.at('sfi').int(o.sfi, 1, 30);
  if (type === 'transparent') {
    const size = r.at('size').int(o.size, 0, 0x7fff);
    const data = o.data === null ? null : r.at('data').bytes(o.data, size);
    return { type, ...common, ...(sfi === undefined ? {} : { sfi }), size, data };
  }
  const maxRecords = r.at('maxRecords').int(o.maxRecords, 0, 254);
  const recordLength = r.at('recordLength').int(o.recordLength, 1, 0xff);
  const records = r
    .at('records')
    .array(o.records)
    .map((rec, i) => r.at('records').at(i).bytes(rec));
  if (records.length > maxRecords)
    r.at('records').fail(`${records.length} records exceed maxRecords ${maxRecords}`);
  // The shape the card.s own record writes keep: a record the file could not
  // hold would be answered as is (a 300-byte record made a 302-byte answer).
  records.forEach((rec, i) => {
    const ok =
      type === 'variable' ? rec.length >= 1 && rec.length <= recordLength : rec.length === recordLength;
    if (!ok) {
      const want = type === 'variable' ? `1..${recordLength}` : `${recordLength}`;
      r.at('records').at(i).fail(`a record of this file is ${want} bytes, got ${rec.length}`);
    }
  });
  return { type, ...common, ...(sfi === undefined ? {} : { sfi }), maxRecords, recordLength, records };
}

function readDf(r: Reader, o: Record<string, Json>): DedicatedFile {
  const keyFile =
    o.keyFile === null
      ? null
      : (() => {
          const k = r.at('keyFile').object(o.keyFile);
          const kr = r.at('keyFile');
          return {
            fid: kr.at('fid').int(k.fid, 0, 0xffff),
            space: kr.at('space').int(k.space, 0, 0xffff),
            addRight: kr.at('addRight').int(k.addRight, 0, 255),
          };
        })();
  const df: Mutable<DedicatedFile> = {
    type: 'df',
    fid: r.at('fid').int(o.fid, 0, 0xffff),
    name: o.name === null ? null : r.at('name').bytes(o.name),
    fciProprietary: r.at('fciProprietary').bytes(o.fciProprietary),
    lifecycle: r.at('lifecycle').oneOf(o.lifecycle, DF_LIFECYCLES),
    space: r.at('space').int(o.space, 0, 0xffff),
    createRight: r.at('createRight').int(o.createRight, 0, 255),
    eraseRight: r.at('eraseRight').int(o.eraseRight, 0, 255),
    keyFile,
    keys: r
      .at('keys')
      .array(o.keys)
      .map((k, i) => readKey(r.at('keys').at(i), k)),
    children: r
      .at('children')
      .array(o.children)
      .map((c, i) => readNode(r.at('children').at(i), c)),
  };
  if (o.otherNames !== undefined) {
    df.otherNames = r
      .at('otherNames')
      .array(o.otherNames)
      .map((n, i) => r.at('otherNames').at(i).bytes(n));
  }
  if (o.fci !== undefined) df.fci = r.at('fci').bytes(o.fci);
  checkUnique(r, df);
  if (o.psamKeys !== undefined) {
    df.psamKeys = r
      .at('psamKeys')
      .array(o.psamKeys)
      .map((k, i) => readPsamKey(r.at('psamKeys').at(i), k));
  }
  if (o.passbook !== undefined) df.passbook = readPassbook(r.at('passbook'), o.passbook);
  return df;
}

/** 09-perso.md: FIDs are unique in a DF (its key file's too), key ids unique per type. */
function checkUnique(r: Reader, df: DedicatedFile): void {
  const fids = new Set<number>(df.keyFile ? [df.keyFile.fid] : []);
  df.children.forEach((c, i) => {
    if (fids.has(c.fid))
      r.at('children')
        .at(i)
        .at('fid')
        .fail(`FID ${hexWord(c.fid)} used twice in this DF`);
    fids.add(c.fid);
  });
  const keys = new Set<string>();
  df.keys.forEach((k, i) => {
    const id = `${k.type}/${k.id}`;
    if (keys.has(id)) r.at('keys').at(i).fail(`${k.type} key id ${k.id} used twice in this DF`);
    keys.add(id);
  });
}

function readPassbook(r: Reader, value: Json): PassbookState {
  const o = r.object(value);
  const proof =
    o.lastProof === null
      ? null
      : (() => {
          const pr = r.at('lastProof');
          const p = pr.object(o.lastProof);
          return {
            type: pr.at('type').int(p.type, 0, 255),
            counter: pr.at('counter').int(p.counter, 0, 0xffff + 1),
            mac2: pr.at('mac2').bytes(p.mac2, 4),
            tac: pr.at('tac').bytes(p.tac, 4),
          };
        })();
  return {
    balance: r.at('balance').int(o.balance, 0, 0xffffffff),
    onlineCounter: r.at('onlineCounter').int(o.onlineCounter, 0, 0xffff),
    offlineCounter: r.at('offlineCounter').int(o.offlineCounter, 0, 0xffff),
    overdraftLimit: r.at('overdraftLimit').int(o.overdraftLimit, 0, 0xffffff),
    lastProof: proof,
  };
}

function readNode(r: Reader, value: Json): FileNode {
  const o = r.object(value);
  const type = r.at('type').oneOf(o.type, ['df', 'transparent', 'fixed', 'variable', 'cyclic'] as const);
  return type === 'df' ? readDf(r, o) : readEf(r, o, type);
}

function readOptions(r: Reader, value: Json): CardOptions {
  const o = r.object(value);
  return {
    transport: r.at('transport').oneOf(o.transport, ['T0', 'T1'] as const),
    challengeLengths: r
      .at('challengeLengths')
      .array(o.challengeLengths)
      .map((n, i) => r.at('challengeLengths').at(i).int(n, 1, 16)),
    sm4MacTruncation: r.at('sm4MacTruncation').oneOf(o.sm4MacTruncation, ['left4', 'xor-fold'] as const),
    maxLc: r.at('maxLc').int(o.maxLc, 1, 255),
    maxLe: r.at('maxLe').int(o.maxLe, 1, 256),
    ...(o.mfSelectableByFid === undefined
      ? {}
      : { mfSelectableByFid: r.at('mfSelectableByFid').boolean(o.mfSelectableByFid) }),
  };
}

/** Parses and validates a serialized image; throws ImageFormatError with the offending path. */
export function deserializeImage(text: string): CardImage {
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ImageFormatError(`card image is not JSON: ${(e as Error).message}`);
  }
  const r = new Reader('');
  const o = r.object(json);
  if (o.format !== 'ssc-cos-image') r.at('format').fail('expected "ssc-cos-image"');
  if (o.version !== 1)
    r.at('version').fail(`unsupported version ${JSON.stringify(o.version)} (this build reads 1)`);
  const mfNode = readNode(r.at('mf'), o.mf);
  if (mfNode.type !== 'df') return r.at('mf').fail('the MF must be a DF');
  const image: Mutable<CardImage> = {
    format: 'ssc-cos-image',
    version: 1,
    kind: r.at('kind').oneOf(o.kind, ['card', 'psam'] as const),
    profile: r.at('profile').string(o.profile),
    atr: r.at('atr').bytes(o.atr),
    algorithm: r.at('algorithm').oneOf(o.algorithm, ALGORITHMS),
    options: readOptions(r.at('options'), o.options),
    mf: mfNode,
    cardBlocked: r.at('cardBlocked').bool(o.cardBlocked),
  };
  if (o.terminalNumber !== undefined) image.terminalNumber = r.at('terminalNumber').bytes(o.terminalNumber);
  if (o.psamTransactionCounter !== undefined)
    image.psamTransactionCounter = r
      .at('psamTransactionCounter')
      .int(o.psamTransactionCounter, 0, 0xffffffff);
  return image;
}
