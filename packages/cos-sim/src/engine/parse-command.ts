/**
 * Bytes → Command with the codec's `parseCommandApdu` (one object and one data view), or null
 * when the bytes are not a well-formed APDU; the dispatcher then answers from the header alone.
 */
import { ApduError, parseCommandApdu } from '@ssc-cos/apdu-codec';
import type { Command } from './handler.js';

export function parseCommand(bytes: Uint8Array): Command | null {
  try {
    return parseCommandApdu(bytes);
  } catch (error) {
    if (error instanceof ApduError) return null;
    throw error;
  }
}
