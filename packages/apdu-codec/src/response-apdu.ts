/** Response APDUs (ISO/IEC 7816-4 §5.1): data ‖ SW1 SW2, with the status word as one number (0x9000). */
import { ApduError } from './errors.js';

export interface ResponseApdu {
  /** The response data field; after parseResponseApdu a view into the parsed bytes. */
  data: Uint8Array;
  /** SW1 << 8 | SW2. */
  sw: number;
}

/** Splits a response into data and SW. Throws ApduError('too-short') under 2 bytes. */
export function parseResponseApdu(bytes: Uint8Array): ResponseApdu {
  const n = bytes.length;
  if (n < 2) throw new ApduError('too-short', `a response APDU has at least 2 bytes (SW1 SW2), got ${n}`);
  return { data: bytes.subarray(0, n - 2), sw: (bytes[n - 2]! << 8) | bytes[n - 1]! };
}

/** data ‖ SW1 SW2. Throws ApduError('bad-sw') when sw is not 0x0000..0xFFFF. */
export function encodeResponseApdu(response: ResponseApdu): Uint8Array {
  const { data, sw } = response;
  if (!Number.isInteger(sw) || sw < 0 || sw > 0xffff)
    throw new ApduError('bad-sw', `not a status word: ${sw}`);
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

/** The status word at the end of a response, without looking at the rest. */
export function statusWordOf(response: Uint8Array): number {
  const n = response.length;
  if (n < 2) throw new ApduError('too-short', `a response APDU has at least 2 bytes (SW1 SW2), got ${n}`);
  return (response[n - 2]! << 8) | response[n - 1]!;
}
