/**
 * BER-TLV (ISO/IEC 7816-4 §5.2, ISO/IEC 8825-1): multi-byte tags, definite lengths up to
 * 4 bytes (81–84), constructed objects parsed recursively under a depth limit so untrusted
 * input cannot recurse without bound. Indefinite lengths (80) are rejected: 7816 does not use
 * them. Tags are numbers holding the tag bytes big-endian (9F0C → 0x9F0C), at most 4 bytes.
 */
import { ApduError } from './errors.js';
import { hexByte } from './hex.js';

export interface BerTlv {
  tag: number;
  /** Bit 6 of the first tag byte. */
  constructed: boolean;
  /** The value field (a view into the parsed bytes); for a constructed object, its encoded children. */
  value: Uint8Array;
  /** Parsed children of a constructed object; absent for a primitive one. */
  children?: BerTlv[];
}

export interface BerTlvParseOptions {
  /** Deepest nesting accepted (top level = 1). Default 8. */
  maxDepth?: number;
}

const MAX_TAG_BYTES = 4;
const MAX_LENGTH_BYTES = 4;

/** Whether a tag (as a number) is constructed: bit 6 of its first byte. */
export function isConstructedTag(tag: number): boolean {
  return ((tag / 256 ** (tagByteLength(tag) - 1)) & 0x20) !== 0;
}

/** Number of bytes of a tag number (1–4). */
export function tagByteLength(tag: number): number {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffffff)
    throw new ApduError('bad-tlv', `not a tag: ${tag}`);
  return tag <= 0xff ? 1 : tag <= 0xffff ? 2 : tag <= 0xffffff ? 3 : 4;
}

interface Cursor {
  pos: number;
}

function readTag(bytes: Uint8Array, c: Cursor, end: number): number {
  const first = bytes[c.pos++]!;
  let tag = first;
  if ((first & 0x1f) !== 0x1f) return tag;
  for (let n = 1; ; n++) {
    if (c.pos >= end) throw new ApduError('bad-tlv', 'tag runs past the end');
    if (n >= MAX_TAG_BYTES) throw new ApduError('bad-tlv', `tag longer than ${MAX_TAG_BYTES} bytes`);
    const b = bytes[c.pos++]!;
    if (n === 1 && (b & 0x7f) === 0)
      throw new ApduError('bad-tlv', 'tag subsequent byte with no number bits');
    tag = tag * 256 + b;
    if ((b & 0x80) === 0) return tag;
  }
}

function readLength(bytes: Uint8Array, c: Cursor, end: number): number {
  if (c.pos >= end) throw new ApduError('bad-tlv', 'length missing');
  const first = bytes[c.pos++]!;
  if (first < 0x80) return first;
  if (first === 0x80) throw new ApduError('bad-tlv', 'indefinite length (80) not allowed');
  const n = first & 0x7f;
  if (n > MAX_LENGTH_BYTES) throw new ApduError('bad-tlv', `length of ${n} bytes not supported`);
  if (c.pos + n > end) throw new ApduError('bad-tlv', 'length field runs past the end');
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + bytes[c.pos++]!;
  return len;
}

function parseList(bytes: Uint8Array, start: number, end: number, depth: number, maxDepth: number): BerTlv[] {
  if (depth > maxDepth) throw new ApduError('tlv-too-deep', `TLV nesting deeper than ${maxDepth}`);
  const out: BerTlv[] = [];
  const c: Cursor = { pos: start };
  while (c.pos < end) {
    const tag = readTag(bytes, c, end);
    const len = readLength(bytes, c, end);
    if (len > end - c.pos) throw new ApduError('bad-tlv', `value of tag ${hexByte(tag)} runs past the end`);
    const value = bytes.subarray(c.pos, c.pos + len);
    const constructed = isConstructedTag(tag);
    const tlv: BerTlv = { tag, constructed, value };
    if (constructed) tlv.children = parseList(bytes, c.pos, c.pos + len, depth + 1, maxDepth);
    out.push(tlv);
    c.pos += len;
  }
  return out;
}

/** Parses a sequence of BER-TLV objects filling all of `bytes`. */
export function parseBerTlv(bytes: Uint8Array, options: BerTlvParseOptions = {}): BerTlv[] {
  return parseList(bytes, 0, bytes.length, 1, options.maxDepth ?? 8);
}

/** Depth-first search for the first object with this tag. */
export function findBerTlv(list: readonly BerTlv[], tag: number): BerTlv | undefined {
  for (const t of list) {
    if (t.tag === tag) return t;
    if (t.children) {
      const hit = findBerTlv(t.children, tag);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** What the writer takes: a primitive value or constructed children. */
export type BerTlvInput =
  | { tag: number; value: Uint8Array }
  | { tag: number; children: readonly BerTlvInput[] };

function tagBytes(tag: number): number[] {
  const n = tagByteLength(tag);
  const out: number[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(Math.floor(tag / 256 ** i) & 0xff);
  return out;
}

/** Definite length in the shortest form. */
export function encodeBerLength(len: number): number[] {
  if (!Number.isInteger(len) || len < 0 || len > 0xffffffff)
    throw new ApduError('bad-tlv', `bad length ${len}`);
  if (len < 0x80) return [len];
  const out: number[] = [];
  for (let v = len; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/**
 * Streaming writer: `begin(tag)` opens a constructed object, `end()` closes it and back-patches
 * its length (moving the content when the length needs more than one byte).
 */
export class BerTlvWriter {
  private buf = new Uint8Array(64);
  private len = 0;
  /** Offsets of the 1-byte length placeholders of open constructed objects. */
  private readonly open: number[] = [];

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private push(bytes: ArrayLike<number>): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** Writes a primitive object. */
  primitive(tag: number, value: Uint8Array): this {
    this.push(tagBytes(tag));
    this.push(encodeBerLength(value.length));
    this.push(value);
    return this;
  }

  /** Opens a constructed object; its length is written by the matching `end()`. */
  begin(tag: number): this {
    this.push(tagBytes(tag));
    this.open.push(this.len);
    this.push([0]);
    return this;
  }

  /** Closes the innermost open object. */
  end(): this {
    const at = this.open.pop();
    if (at === undefined) throw new ApduError('bad-tlv', 'end() without begin()');
    const contentLen = this.len - at - 1;
    const lenBytes = encodeBerLength(contentLen);
    if (lenBytes.length > 1) {
      const shift = lenBytes.length - 1;
      this.ensure(shift);
      this.buf.copyWithin(at + 1 + shift, at + 1, this.len);
      this.len += shift;
    }
    this.buf.set(lenBytes, at);
    return this;
  }

  /** Writes a whole tree. */
  write(tlv: BerTlvInput): this {
    if ('children' in tlv) {
      this.begin(tlv.tag);
      for (const child of tlv.children) this.write(child);
      return this.end();
    }
    return this.primitive(tlv.tag, tlv.value);
  }

  /** The bytes written so far (a copy); every begin() must have been ended. */
  toBytes(): Uint8Array {
    if (this.open.length > 0)
      throw new ApduError('bad-tlv', `${this.open.length} constructed object(s) not ended`);
    return this.buf.slice(0, this.len);
  }
}

/** Encodes a list of objects. Parsed objects re-encode from their children when they have them. */
export function encodeBerTlv(list: readonly (BerTlvInput | BerTlv)[]): Uint8Array {
  const w = new BerTlvWriter();
  for (const t of list) w.write(toInput(t));
  return w.toBytes();
}

function toInput(t: BerTlvInput | BerTlv): BerTlvInput {
  if ('children' in t && t.children) return { tag: t.tag, children: t.children.map(toInput) };
  return { tag: t.tag, value: (t as { value: Uint8Array }).value };
}
