/**
 * READ RECORD (B2), UPDATE RECORD (DC), APPEND RECORD (E2) on record EFs (01-card.md
 * "Records", 02-commands.md, §v2 reads of several records). Variable-length records are whole TLVs; cyclic files take
 * APPEND only, the new record becoming record 1.
 */

import { concatBytes } from '@ssc-cos/apdu-codec';
import { type Command, defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import {
  OK,
  SW_NOT_ENOUGH_SPACE,
  SW_RECORD_NOT_FOUND,
  SW_SUCCESS,
  SW_WRONG_DATA,
  SW_WRONG_FILE_STRUCTURE,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
  swWrongLe,
} from '../engine/status.js';
import { ownedBytes } from '../image/owned-bytes.js';
import type { RecordFile } from '../image/types.js';
import { currentDepth } from './ef-addressing.js';
import {
  checkReadLengths,
  checkWriteLengths,
  readLineProtection,
  writeLineProtection,
} from './ef-data-shape.js';
import {
  checkRecordParams,
  isTlvRecord,
  type RecordTarget,
  recordEf,
  resolveRecord,
} from './record-addressing.js';

const LE_ALL = 256;
/** 02-commands §v2: P2 low bits 101 = records P1 (00: the first) to the last; 110 = the last down to P1. */
const MODE_UP_TO_LAST = 0b101;
const MODE_DOWN_FROM_LAST = 0b110;
const MAC_BYTES = 4;

/** The records one READ RECORD returns, in order (one, or several with modes 101/110). */
interface ReadTarget {
  ef: RecordFile;
  indices: number[];
  several: boolean;
}

function severalMode(cmd: Command): boolean {
  const mode = cmd.p2 & 0x07;
  return mode === MODE_UP_TO_LAST || mode === MODE_DOWN_FROM_LAST;
}

/** Response bytes the records may fill: Ne (Le=00 or none: 256), less the MAC of a CLA 04 read. */
function roomOf(cmd: Command): number {
  return (cmd.ne ?? LE_ALL) - (cmd.cla & 0x04 ? MAC_BYTES : 0);
}

export const readRecordHandler = defineHandler<ReadTarget>({
  name: 'READ RECORD',
  ins: 0xb2,
  classes: [0x00, 0x04],
  checkParams(cmd) {
    if (severalMode(cmd)) return cmd.p2 >> 3 === 0x1f ? SW_WRONG_P1P2 : OK;
    return checkRecordParams(cmd);
  },
  checkLengths: checkReadLengths,
  resolve(cmd, ctx) {
    if (!severalMode(cmd)) {
      const t = resolveRecord(cmd, ctx);
      return typeof t === 'number' ? t : { ef: t.ef, indices: [t.index], several: false };
    }
    const ef = recordEf(cmd, ctx);
    if (typeof ef === 'number') return ef;
    const first = Math.max(cmd.p1, 1) - 1;
    const count = ef.records.length;
    if (first >= count) return SW_RECORD_NOT_FOUND;
    const indices: number[] = [];
    if ((cmd.p2 & 0x07) === MODE_UP_TO_LAST) for (let i = first; i < count; i++) indices.push(i);
    else for (let i = count - 1; i >= first; i--) indices.push(i);
    return { ef, indices, several: true };
  },
  access: (_cmd, t) => t.ef.read,
  secureMessaging: readLineProtection,
  checkLe(cmd, t) {
    const length = t.ef.records[t.indices[0]!]!.length;
    // Several records: Le is an upper bound ([decision] 02 §v2: as many whole records as fit);
    // not even the first fits → 6Cxx with its length.
    if (t.several) return length > roomOf(cmd) ? swWrongLe(length) : OK;
    // Le=00 → the whole record; any other Le must be the record's length (the MAC of a +SM
    // read comes on top, [decision] as FMCOS).
    if (cmd.ne !== null && cmd.ne !== LE_ALL && cmd.ne !== length) return swWrongLe(length);
    return OK;
  },
  execute(cmd, t, ctx) {
    ctx.session.selectEf(t.ef);
    const records = t.ef.records;
    if (!t.several) {
      ctx.session.recordPointer = t.indices[0]!;
      return respond(records[t.indices[0]!]!);
    }
    const room = roomOf(cmd);
    const taken: Uint8Array[] = [];
    let size = 0;
    for (const i of t.indices) {
      const record = records[i]!;
      if (size + record.length > room) break;
      taken.push(record);
      size += record.length;
      ctx.session.recordPointer = i;
    }
    return respond(concatBytes(...taken));
  },
});

export const updateRecordHandler = defineHandler<RecordTarget>({
  name: 'UPDATE RECORD',
  ins: 0xdc,
  classes: [0x00, 0x04],
  checkParams: checkRecordParams,
  checkLengths: checkWriteLengths,
  resolve(cmd, ctx) {
    const t = resolveRecord(cmd, ctx);
    // [decision] a cyclic file is written by APPEND RECORD only.
    if (typeof t !== 'number' && t.ef.type === 'cyclic') return SW_WRONG_FILE_STRUCTURE;
    return t;
  },
  access: (_cmd, t) => t.ef.write,
  secureMessaging: writeLineProtection,
  checkData(cmd, t) {
    // 01-card.md: an update may not change the record's length (6700).
    if (cmd.data.length !== t.ef.records[t.index]!.length) return SW_WRONG_LENGTH;
    if (t.ef.type === 'variable' && !isTlvRecord(cmd.data)) return SW_WRONG_DATA;
    return OK;
  },
  execute(cmd, t, ctx) {
    const records = t.ef.records.slice();
    records[t.index] = ownedBytes(cmd.data);
    ctx.tx.replaceEf(currentDepth(ctx), { ...t.ef, records });
    ctx.session.selectEf(t.ef);
    ctx.session.recordPointer = t.index;
    return SW_SUCCESS;
  },
});

export const appendRecordHandler = defineHandler<RecordFile>({
  name: 'APPEND RECORD',
  ins: 0xe2,
  classes: [0x00, 0x04],
  checkParams(cmd) {
    return cmd.p1 === 0 && (cmd.p2 & 0x07) === 0 && cmd.p2 >> 3 !== 0x1f ? OK : SW_WRONG_P1P2;
  },
  checkLengths: checkWriteLengths,
  resolve: recordEf,
  access: (_cmd, ef) => ef.write,
  secureMessaging: writeLineProtection,
  checkData(cmd, ef) {
    if (ef.type === 'variable') {
      if (!isTlvRecord(cmd.data)) return SW_WRONG_DATA;
      if (cmd.data.length > ef.recordLength) return SW_NOT_ENOUGH_SPACE;
    } else if (cmd.data.length !== ef.recordLength) {
      return SW_WRONG_LENGTH;
    }
    if (ef.type !== 'cyclic' && ef.records.length >= ef.maxRecords) return SW_NOT_ENOUGH_SPACE;
    return OK;
  },
  execute(cmd, ef, ctx) {
    const record = ownedBytes(cmd.data);
    const records =
      ef.type === 'cyclic' ? [record, ...ef.records].slice(0, ef.maxRecords) : [...ef.records, record];
    ctx.tx.replaceEf(currentDepth(ctx), { ...ef, records });
    ctx.session.selectEf(ef);
    ctx.session.recordPointer = ef.type === 'cyclic' ? 0 : records.length - 1;
    return SW_SUCCESS;
  },
});
