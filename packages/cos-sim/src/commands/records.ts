/**
 * READ RECORD (B2), UPDATE RECORD (DC), APPEND RECORD (E2) on record EFs (01-card.md
 * "Records", 02-commands.md). Variable-length records are whole TLVs; cyclic files take
 * APPEND only, the new record becoming record 1.
 */

import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import {
  OK,
  SW_NOT_ENOUGH_SPACE,
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

export const readRecordHandler = defineHandler<RecordTarget>({
  name: 'READ RECORD',
  ins: 0xb2,
  classes: [0x00, 0x04],
  checkParams: checkRecordParams,
  checkLengths: checkReadLengths,
  resolve: resolveRecord,
  access: (_cmd, t) => t.ef.read,
  secureMessaging: readLineProtection,
  checkLe(cmd, t) {
    // Le=00 → the whole record; any other Le must be the record's length (the MAC of a +SM
    // read comes on top, [decision] as FMCOS).
    const length = t.ef.records[t.index]!.length;
    if (cmd.ne !== null && cmd.ne !== LE_ALL && cmd.ne !== length) return swWrongLe(length);
    return OK;
  },
  execute(_cmd, t, ctx) {
    ctx.session.selectEf(t.ef);
    ctx.session.recordPointer = t.index;
    return respond(t.ef.records[t.index]!);
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
