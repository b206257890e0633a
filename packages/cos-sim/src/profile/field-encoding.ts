/**
 * Encodes one data field as the 01-card.md tables say: an = ASCII, cn = BCD digits (an odd
 * count ends with an F nibble), b = binary given as hex, gbk = Chinese text in GBK. A declared
 * length pads the value on the right (gbk pads with 00 unless told otherwise; the others only
 * with an explicit pad byte) and a value longer than it is an error.
 */
import { encodeGbk } from './gbk-encoding.js';

export type FieldEncoding = 'an' | 'cn' | 'b' | 'gbk';
export const FIELD_ENCODINGS: readonly FieldEncoding[] = ['an', 'cn', 'b', 'gbk'];

export interface FieldSpec {
  enc: FieldEncoding;
  value: string;
  /** Declared length in bytes; the encoded value is padded up to it. */
  len?: number;
  /** Pad byte (0..255); gbk defaults to 0x00, the others to no padding. */
  pad?: number;
}

/** Outcome of an encoding: the bytes, or a reason and which part of the field is at fault. */
export type EncodeResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; at: 'value' | 'len'; reason: string };

function encodeRaw(enc: FieldEncoding, value: string): Uint8Array | string {
  switch (enc) {
    case 'an': {
      if (!/^[\x20-\x7e]*$/.test(value)) return `an field must be printable ASCII, got "${value}"`;
      return Uint8Array.from(value, (c) => c.charCodeAt(0));
    }
    case 'cn': {
      if (!/^[0-9]*$/.test(value)) return `cn field must be decimal digits, got "${value}"`;
      const digits = value.length % 2 === 0 ? value : `${value}F`;
      return Uint8Array.from({ length: digits.length / 2 }, (_, i) =>
        Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16),
      );
    }
    case 'b': {
      const clean = value.replace(/[\s:]/g, '');
      if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
        return `b field must be hex digits in pairs, got "${value}"`;
      }
      return Uint8Array.from({ length: clean.length / 2 }, (_, i) =>
        Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16),
      );
    }
    case 'gbk': {
      return encodeGbk(value) ?? `"${value}" has characters GBK cannot encode`;
    }
  }
}

export function encodeField(field: FieldSpec): EncodeResult {
  const raw = encodeRaw(field.enc, field.value);
  if (typeof raw === 'string') return { ok: false, at: 'value', reason: raw };
  if (field.len === undefined) return { ok: true, bytes: raw };
  if (raw.length > field.len) {
    return { ok: false, at: 'value', reason: `expected ${field.len} bytes, got ${raw.length}` };
  }
  if (raw.length === field.len) return { ok: true, bytes: raw };
  const pad = field.pad ?? (field.enc === 'gbk' ? 0x00 : undefined);
  if (pad === undefined) {
    return {
      ok: false,
      at: 'value',
      reason: `expected ${field.len} bytes, got ${raw.length} (no pad byte given)`,
    };
  }
  const out = new Uint8Array(field.len).fill(pad);
  out.set(raw);
  return { ok: true, bytes: out };
}
