/**
 * DF04 EF08, the card-written transaction log (12-payment.md): cyclic, record 1 newest, 28
 * bytes each: counter b 2 (before +1) ‖ type b 1 ‖ terminal id 6 ‖ date-time cn 7
 * (YYYYMMDDhhmmss) ‖ amount b 4 ‖ balance after b 4 ‖ TAC b 4.
 * [decision: public tables give the sizes, not the meaning of the last three fields]
 */
import type { RecordFile } from '../image/types.js';
import { uintBytes } from './fixed-width.js';

export const LOG_FID = 0xef08;
export const LOG_RECORD_LENGTH = 28;

export interface LogEntry {
  readonly counter: number;
  readonly type: number;
  readonly terminalId: Uint8Array;
  /** date 4 ‖ time 3, BCD. */
  readonly date: Uint8Array;
  readonly time: Uint8Array;
  readonly amount: number;
  readonly balanceAfter: number;
  readonly tac: Uint8Array;
}

export function encodeLogRecord(e: LogEntry): Uint8Array {
  const out = new Uint8Array(LOG_RECORD_LENGTH);
  out.set(uintBytes(e.counter, 2), 0);
  out[2] = e.type;
  out.set(e.terminalId, 3);
  out.set(e.date, 9);
  out.set(e.time, 13);
  out.set(uintBytes(e.amount, 4), 16);
  out.set(uintBytes(e.balanceAfter, 4), 20);
  out.set(e.tac, 24);
  return out;
}

/** The log with `record` as the new record 1, the oldest falling off a full ring. */
export function withNewestRecord(log: RecordFile, record: Uint8Array): RecordFile {
  return { ...log, records: [record, ...log.records].slice(0, log.maxRecords) };
}
