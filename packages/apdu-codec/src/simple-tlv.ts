/**
 * The card's simple TLV: 1-byte tag, 1-byte length, value (01-card.md "Records"). Every
 * variable-length record is exactly one such object.
 */
import { ApduError } from './errors.js';
import { hexByte } from './hex.js';

export interface SimpleTlv {
  tag: number;
  /** A view into the parsed bytes. */
  value: Uint8Array;
}

/** Parses a sequence of simple TLVs filling all of `bytes`. */
export function parseSimpleTlvList(bytes: Uint8Array): SimpleTlv[] {
  const out: SimpleTlv[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (pos + 2 > bytes.length) throw new ApduError('bad-tlv', `simple TLV at ${pos}: no length byte`);
    const tag = bytes[pos]!;
    const len = bytes[pos + 1]!;
    if (pos + 2 + len > bytes.length)
      throw new ApduError('bad-tlv', `simple TLV ${hexByte(tag)}: value runs past the end`);
    out.push({ tag, value: bytes.subarray(pos + 2, pos + 2 + len) });
    pos += 2 + len;
  }
  return out;
}

/** Parses one record: exactly one simple TLV and nothing after it. */
export function parseSimpleTlvRecord(bytes: Uint8Array): SimpleTlv {
  const list = parseSimpleTlvList(bytes);
  if (list.length !== 1) throw new ApduError('bad-tlv', `a record holds one TLV, found ${list.length}`);
  return list[0]!;
}

/** Encodes one simple TLV; the tag must be a byte and the value at most 255 bytes. */
export function encodeSimpleTlv(tlv: SimpleTlv): Uint8Array {
  const { tag, value } = tlv;
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xff)
    throw new ApduError('bad-tlv', `simple TLV tag must be a byte: ${tag}`);
  if (value.length > 0xff)
    throw new ApduError('bad-tlv', `simple TLV value longer than 255 bytes (${value.length})`);
  const out = new Uint8Array(2 + value.length);
  out[0] = tag;
  out[1] = value.length;
  out.set(value, 2);
  return out;
}

/** Encodes a sequence of simple TLVs back to back. */
export function encodeSimpleTlvList(list: readonly SimpleTlv[]): Uint8Array {
  const parts = list.map(encodeSimpleTlv);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
