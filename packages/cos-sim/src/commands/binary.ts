/**
 * READ BINARY (B0) and UPDATE BINARY (D6) on transparent EFs (02-commands.md).
 * P1 bit 8 set: P1 bits 5–1 are an SFI and P2 the offset; else P1P2 is the offset in the
 * current EF. Offset ≥ size → 6B00 (step 4). A never-written file reads as zeros.
 */

import { MAC_LENGTH } from '@ssc-cos/apdu-codec/crypto';
import type { CommandContext } from '../engine/context.js';
import type { Command } from '../engine/handler.js';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import {
  OK,
  SW_NOT_ENOUGH_SPACE,
  SW_OFFSET_BEYOND_FILE,
  SW_SUCCESS,
  SW_WRONG_FILE_STRUCTURE,
  SW_WRONG_P1P2,
  swWrongLe,
} from '../engine/status.js';
import type { TransparentFile } from '../image/types.js';
import { addressedEf, currentDepth } from './ef-addressing.js';
import {
  checkReadLengths,
  checkWriteLengths,
  readLineProtection,
  writeLineProtection,
} from './ef-data-shape.js';

const MAX_RESPONSE = 256;

function sfiOf(cmd: Command): number {
  return cmd.p1 & 0x80 ? cmd.p1 & 0x1f : 0;
}

function offsetOf(cmd: Command): number {
  return cmd.p1 & 0x80 ? cmd.p2 : (cmd.p1 << 8) | cmd.p2;
}

function checkBinaryParams(cmd: Command): number {
  if (cmd.p1 & 0x80) {
    const sfi = cmd.p1 & 0x1f;
    if (cmd.p1 & 0x60 || sfi === 0 || sfi === 0x1f) return SW_WRONG_P1P2;
  }
  return OK;
}

function offsetWithinFile(cmd: Command, ef: TransparentFile): number {
  return offsetOf(cmd) >= ef.size ? SW_OFFSET_BEYOND_FILE : OK;
}

function transparentEf(cmd: Command, ctx: CommandContext): TransparentFile | number {
  const ef = addressedEf(ctx, sfiOf(cmd));
  if (typeof ef === 'number') return ef;
  return ef.type === 'transparent' ? ef : SW_WRONG_FILE_STRUCTURE;
}

/**
 * File bytes one read may return: a short response carries at most 256 bytes, and a MAC'd read
 * (CLA 04) spends 4 of them on the MAC, so it returns at most 252 file bytes.
 */
function maxReadOf(cmd: Command): number {
  return cmd.cla & 0x04 ? MAX_RESPONSE - MAC_LENGTH : MAX_RESPONSE;
}

/** Bytes to return: Le=00 (256) or absent under SM → everything left, at most `maxReadOf`. */
function readLength(cmd: Command, ef: TransparentFile): number {
  const left = ef.size - offsetOf(cmd);
  return cmd.ne === null || cmd.ne === MAX_RESPONSE ? Math.min(maxReadOf(cmd), left) : cmd.ne;
}

export const readBinaryHandler = defineHandler<TransparentFile>({
  name: 'READ BINARY',
  ins: 0xb0,
  classes: [0x00, 0x04],
  checkParams: checkBinaryParams,
  checkOffset: offsetWithinFile,
  checkLengths: checkReadLengths,
  resolve: transparentEf,
  access: (_cmd, ef) => ef.read,
  secureMessaging: readLineProtection,
  checkLe(cmd, ef) {
    const available = Math.min(maxReadOf(cmd), ef.size - offsetOf(cmd));
    if (cmd.ne !== null && cmd.ne !== MAX_RESPONSE && cmd.ne > available) return swWrongLe(available);
    return OK;
  },
  execute(cmd, ef, ctx) {
    const offset = offsetOf(cmd);
    const n = readLength(cmd, ef);
    ctx.session.selectEf(ef);
    return respond(ef.data === null ? new Uint8Array(n) : ef.data.subarray(offset, offset + n));
  },
});

export const updateBinaryHandler = defineHandler<TransparentFile>({
  name: 'UPDATE BINARY',
  ins: 0xd6,
  classes: [0x00, 0x04],
  checkParams: checkBinaryParams,
  checkOffset: offsetWithinFile,
  checkLengths: checkWriteLengths,
  resolve: transparentEf,
  access: (_cmd, ef) => ef.write,
  secureMessaging: writeLineProtection,
  checkData(cmd, ef) {
    return offsetOf(cmd) + cmd.data.length > ef.size ? SW_NOT_ENOUGH_SPACE : OK;
  },
  execute(cmd, ef, ctx) {
    // Never modify the image's array in place (image/types.ts): write a new one.
    const data = new Uint8Array(ef.size);
    if (ef.data !== null) data.set(ef.data);
    data.set(cmd.data, offsetOf(cmd));
    ctx.tx.replaceEf(currentDepth(ctx), { ...ef, data });
    ctx.session.selectEf(ef);
    return SW_SUCCESS;
  },
});
