/** Byte helpers for tests (hex text, ASCII, GBK with padding). */
import { fromHex, toHex } from '@ssc-cos/apdu-codec';
import iconv from 'iconv-lite';

/** Hex text → bytes (the codec's parser: spaces allowed). */
export const hex = fromHex;
export { toHex };

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'latin1'));
}

export function gbk(text: string, length: number, pad: number): Uint8Array {
  const encoded = iconv.encode(text, 'gbk');
  const out = new Uint8Array(length).fill(pad);
  out.set(encoded.subarray(0, length));
  return out;
}

export function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

/** Status word of a response. */
export function sw(response: Uint8Array): number {
  return (response[response.length - 2]! << 8) | response[response.length - 1]!;
}

export function swHex(response: Uint8Array): string {
  return toHex(response.subarray(response.length - 2));
}

export function dataOf(response: Uint8Array): Uint8Array {
  return response.subarray(0, response.length - 2);
}
