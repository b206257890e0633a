/**
 * Human names for commands and status words (the codec's decoder), and the status-word classes
 * of the coverage table.
 */
import { commandName, describeSw } from '@ssc-cos/apdu-codec';
import { hexWord } from '../bytes.js';

/**
 * The name of one traced exchange: the codec's command name ("SELECT", "RELOAD PIN",
 * "UNKNOWN A0 A4"), or "RESET" for a reset (a trace entry whose command is null).
 */
export function exchangeName(command: Uint8Array | null): string {
  return command === null ? 'RESET' : commandName(command);
}

/** The codec's status-word dictionary (English text). */
export function swMeaning(sw: number): string {
  return describeSw(sw & 0xffff).en;
}

/** Status word class for coverage: 61XX, 6CXX and 63CX are counted as one each. */
export function swClass(sw: number): string {
  const hi = sw >> 8;
  if (hi === 0x61) return '61XX';
  if (hi === 0x6c) return '6CXX';
  if ((sw & 0xfff0) === 0x63c0) return '63CX';
  return hexWord(sw);
}
