/**
 * Record addressing of READ/UPDATE RECORD (01-card.md "Records"): P2 = SFI<<3 | mode, SFI 0 =
 * current EF. Mode 100: record number P1. By identifier (tag = P1, the record's first byte):
 * 000 first occurrence, 010 next after the record pointer, 001 last, 011 previous.
 */

import type { CommandContext } from '../engine/context.js';
import type { Command } from '../engine/handler.js';
import { OK, SW_RECORD_NOT_FOUND, SW_WRONG_FILE_STRUCTURE, SW_WRONG_P1P2 } from '../engine/status.js';
import type { RecordFile } from '../image/types.js';
import { addressedEf } from './ef-addressing.js';

export const MODE_FIRST = 0b000;
export const MODE_LAST = 0b001;
export const MODE_NEXT = 0b010;
export const MODE_PREVIOUS = 0b011;
export const MODE_NUMBER = 0b100;

export interface RecordTarget {
  ef: RecordFile;
  /** 0-based: records[index] is record index+1. */
  index: number;
}

export function checkRecordParams(cmd: Command): number {
  const mode = cmd.p2 & 0x07;
  if (cmd.p2 >> 3 === 0x1f || mode > MODE_NUMBER) return SW_WRONG_P1P2;
  if (mode === MODE_NUMBER && cmd.p1 === 0) return SW_WRONG_P1P2;
  return OK;
}

export function recordEf(cmd: Command, ctx: CommandContext): RecordFile | number {
  const ef = addressedEf(ctx, cmd.p2 >> 3);
  if (typeof ef === 'number') return ef;
  return ef.type === 'transparent' ? SW_WRONG_FILE_STRUCTURE : ef;
}

/** The addressed record of a record EF, or 6A83. */
export function addressedRecord(cmd: Command, ctx: CommandContext, ef: RecordFile): RecordTarget | number {
  const records = ef.records;
  const mode = cmd.p2 & 0x07;
  if (mode === MODE_NUMBER) {
    const index = cmd.p1 - 1;
    return index < records.length ? { ef, index } : SW_RECORD_NOT_FOUND;
  }
  const tag = cmd.p1;
  // The record pointer belongs to the current EF; addressing another EF starts afresh.
  const pointer = ctx.session.currentEf?.fid === ef.fid ? ctx.session.recordPointer : -1;
  let from: number;
  let step: number;
  switch (mode) {
    case MODE_FIRST:
      from = 0;
      step = 1;
      break;
    case MODE_NEXT:
      from = pointer + 1;
      step = 1;
      break;
    case MODE_LAST:
      from = records.length - 1;
      step = -1;
      break;
    default:
      from = pointer < 0 ? records.length - 1 : pointer - 1;
      step = -1;
  }
  for (let i = from; i >= 0 && i < records.length; i += step) {
    if (records[i]![0] === tag) return { ef, index: i };
  }
  return SW_RECORD_NOT_FOUND;
}

export function resolveRecord(cmd: Command, ctx: CommandContext): RecordTarget | number {
  const ef = recordEf(cmd, ctx);
  return typeof ef === 'number' ? ef : addressedRecord(cmd, ctx, ef);
}

/** A variable-length record is one TLV filling the data exactly: tag, len, value. */
export function isTlvRecord(data: Uint8Array): boolean {
  return data.length >= 2 && data[1] === data.length - 2;
}
