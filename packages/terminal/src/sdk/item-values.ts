/**
 * Item values as the SDK strings carry them (10-terminal-api.md): text items decoded (GBK
 * names without padding, BCD as digits, an as text), binary items as upper-case hex; and back,
 * for iWriteCard, padded to the item's length as the card stores it (01-card.md).
 */
import { fromHex, hexByte, toHex } from '@ssc-cos/apdu-codec';
import iconv from 'iconv-lite';
import { gbkText, latin1Text, paddedBcdDigits, trimEnd } from '../item-text.js';
import type { ItemSpec } from './catalogue.js';

/** Raised for a write value that does not fit its item; the SDK answers it as a parameter error. */
export class ItemValueError extends Error {
  override readonly name = 'ItemValueError';
}

export function decodeItem(spec: ItemSpec | undefined, value: Uint8Array): string {
  if (spec === undefined) return toHex(value);
  switch (spec.enc) {
    case 'b':
      return toHex(value);
    case 'cn':
      return paddedBcdDigits(value);
    case 'an':
      return latin1Text(trimEnd(value, spec.pad)).replace(/\0+$/, '');
    case 'gbk':
      return gbkText(value, spec.pad);
  }
}

export function encodeItem(spec: ItemSpec, text: string): Uint8Array {
  const out = new Uint8Array(spec.len).fill(spec.enc === 'cn' ? 0xff : spec.pad);
  let bytes: Uint8Array;
  switch (spec.enc) {
    case 'b':
      if (!/^([0-9A-Fa-f]{2})*$/.test(text))
        throw new ItemValueError(`item ${tagName(spec)}: "${text}" is not hex`);
      bytes = fromHex(text);
      if (bytes.length !== spec.len)
        throw new ItemValueError(`item ${tagName(spec)}: ${bytes.length} bytes, the item has ${spec.len}`);
      return bytes;
    case 'cn': {
      if (!/^[0-9]*$/.test(text)) throw new ItemValueError(`item ${tagName(spec)}: "${text}" is not digits`);
      if (text.length > spec.len * 2)
        throw new ItemValueError(`item ${tagName(spec)}: ${text.length} digits, at most ${spec.len * 2}`);
      const digits = text.padEnd(spec.len * 2, 'F');
      return fromHex(digits);
    }
    case 'an':
      if (!/^[\x20-\x7e]*$/.test(text))
        throw new ItemValueError(`item ${tagName(spec)}: "${text}" is not ASCII`);
      bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
      break;
    case 'gbk':
      bytes = gbkBytes(text);
      break;
  }
  if (bytes.length > spec.len)
    throw new ItemValueError(`item ${tagName(spec)}: ${bytes.length} bytes, at most ${spec.len}`);
  out.set(bytes);
  return out;
}

/** iconv-lite substitutes '?' for what GBK cannot hold; refuse instead. */
function gbkBytes(text: string): Uint8Array {
  const bytes = iconv.encode(text, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== text)
    throw new ItemValueError(`"${text}" has characters GBK cannot encode`);
  return new Uint8Array(bytes);
}

function tagName(spec: ItemSpec): string {
  return hexByte(spec.tag);
}
