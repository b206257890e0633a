/**
 * A record of DF04 EF08, the card-written transaction log (12-payment.md): counter b 2 ‖
 * type b 1 ‖ terminal id 6 ‖ date-time cn 7 ‖ amount b 4 ‖ balance after b 4 ‖ TAC b 4.
 */
import { toHex } from '@ssc-cos/apdu-codec';

export interface DebitRecord {
  /** The counter before the transaction (offline for a purchase, online for a load). */
  readonly counter: number;
  /** 05 purchase, 01 load. */
  readonly type: number;
  readonly terminalId: Uint8Array;
  /** YYYYMMDDhhmmss */
  readonly datetime: string;
  /** Fen. */
  readonly amount: number;
  readonly balanceAfter: number;
  readonly tac: Uint8Array;
}

export const DEBIT_RECORD_LENGTH = 28;

export function decodeDebitRecord(record: Uint8Array): DebitRecord {
  if (record.length !== DEBIT_RECORD_LENGTH)
    throw new RangeError(`an EF08 record is ${DEBIT_RECORD_LENGTH} bytes, got ${record.length}`);
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  return {
    counter: view.getUint16(0),
    type: record[2]!,
    terminalId: record.slice(3, 9),
    datetime: toHex(record.subarray(9, 16)),
    amount: view.getUint32(16),
    balanceAfter: view.getUint32(20),
    tac: record.slice(24, 28),
  };
}
