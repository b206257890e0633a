/** Command APDUs the cases build (02-commands.md table), as bytes. */
import { concatBytes } from './bytes.js';

export function readRecord(
  record: number,
  sfi: number | null,
  mode: 'number' | 'first' | 'next' | 'last' | 'previous' = 'number',
  le = 0,
): Uint8Array {
  const base = sfi === null ? 0 : sfi << 3;
  const low = { number: 0b100, first: 0b000, next: 0b010, last: 0b001, previous: 0b011 }[mode];
  const p2 = sfi === null && mode === 'number' ? 0x04 : base | low;
  return Uint8Array.of(0x00, 0xb2, record, p2, le);
}

export function readBinary(sfi: number | null, offset: number, le: number): Uint8Array {
  if (sfi === null) return Uint8Array.of(0x00, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, le);
  return Uint8Array.of(0x00, 0xb0, 0x80 | sfi, offset & 0xff, le);
}

export function updateBinary(sfi: number, offset: number, data: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0x00, 0xd6, 0x80 | sfi, offset & 0xff, data.length), data);
}

export function updateRecord(record: number, sfi: number, tlv: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0x00, 0xdc, record, (sfi << 3) | 0b100, tlv.length), tlv);
}

export function appendRecord(sfi: number, record: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0x00, 0xe2, 0x00, sfi << 3, record.length), record);
}

export function selectFid(fid: number, p1 = 0x00): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, p1, 0x00, 0x02, fid >> 8, fid & 0xff);
}

export const GET_RESPONSE = (le: number): Uint8Array => Uint8Array.of(0x00, 0xc0, 0x00, 0x00, le);
