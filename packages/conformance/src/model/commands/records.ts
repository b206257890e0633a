/** READ RECORD by number and by identifier, UPDATE RECORD of the same length (01-card §Records). */

import { hexByte } from '@ssc-cos/apdu-codec';
import { readRecord } from '../../apdus.js';
import { concatBytes } from '../../bytes.js';
import type { EfDescription } from '../../description/card-description.js';
import type { Expectation } from '../expectation.js';
import { pickSfi, recordsOf, securityStatus } from '../file-choice.js';
import { type ModelState, modelApplicationBlocked } from '../model-state.js';
import { type Cmd, consume, type ModelReal, status, step } from '../step.js';

export type LeMode = 'zero' | 'exact' | 'short' | 'long';

export class ReadRecordByNumber implements Cmd {
  constructor(
    readonly sfiIndex: number,
    readonly record: number,
    readonly leMode: LeMode,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const { sfi, ef } = pickSfi(m, this.sfiIndex);
    const records = recordsOf(m, ef);
    const rec = records[this.record - 1];
    const leByte = leFor(this.leMode, rec?.length ?? 0);
    const apdu = readRecord(this.record, sfi, 'number', leByte);
    consume(m);
    const e = recordExpectation(m, ef, rec, leByte, this.record > records.length);
    await step(r, `${this.toString()} (SFI ${hexByte(sfi)})`, apdu, e);
  }
  toString(): string {
    return `READ RECORD sfi#${this.sfiIndex} rec ${this.record} Le ${this.leMode}`;
  }
}

export class ReadRecordByTag implements Cmd {
  constructor(
    readonly sfiIndex: number,
    readonly tagIndex: number,
    readonly last: boolean,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const { sfi, ef } = pickSfi(m, this.sfiIndex);
    const records = recordsOf(m, ef);
    const tags = [...new Set(records.map((x) => x[0]!)), 0x7e];
    const tag = tags[this.tagIndex % tags.length]!;
    const matching = records.filter((x) => x[0] === tag);
    const rec = this.last ? matching[matching.length - 1] : matching[0];
    // Identifier addressing of fixed/cyclic records is not defined by the spec: not generated.
    if (ef !== undefined && ef.kind !== 'variable' && ef.kind !== 'transparent') return;
    const e = recordExpectation(m, ef, rec, 0, rec === undefined);
    consume(m);
    await step(
      r,
      `${this.toString()} (SFI ${hexByte(sfi)}, tag ${hexByte(tag)})`,
      readRecord(tag, sfi, this.last ? 'last' : 'first', 0),
      e,
    );
  }
  toString(): string {
    return `READ RECORD sfi#${this.sfiIndex} tag#${this.tagIndex} ${this.last ? 'last' : 'first'}`;
  }
}

function leFor(mode: LeMode, length: number): number {
  switch (mode) {
    case 'zero':
      return 0;
    case 'exact':
      return length === 0 ? 0x10 : length;
    case 'short':
      return length <= 1 ? 0x01 : length - 1;
    case 'long':
      return Math.min(0xff, length + 1);
  }
}

/** 02-commands §Order of checks 6 → 7 → 8, then READ RECORD's Le rule. */
function recordExpectation(
  m: ModelState,
  ef: EfDescription | undefined,
  rec: Uint8Array | undefined,
  leByte: number,
  beyond: boolean,
): Expectation {
  if (modelApplicationBlocked(m)) return status('6A81');
  if (ef === undefined) return status('6A82');
  if (ef.kind === 'transparent') return status('6981');
  if (m.unknownRecords.has(ef)) {
    // Contents the suite could not read from a real card: only the order of checks is known.
    const denied = securityStatus(m, ef, 'read');
    return denied !== null ? status('6A83', denied) : { sw: ['9000', '6A83', '6C??'] };
  }
  if (beyond || rec === undefined) return status('6A83');
  const denied = securityStatus(m, ef, 'read');
  if (denied !== null) return status(denied);
  if (leByte !== 0 && leByte !== rec.length) return status(`6C${hexByte(rec.length)}`);
  return { sw: ['9000'], data: rec };
}

export class UpdateRecordSameLength implements Cmd {
  constructor(
    readonly sfiIndex: number,
    readonly record: number,
    readonly flip: number,
  ) {}
  check(m: Readonly<ModelState>): boolean {
    return !m.protectCard;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const { sfi, ef } = pickSfi(m, this.sfiIndex);
    if (ef !== undefined && ef.kind !== 'variable') return; // UPDATE of cyclic/transparent: not in the alphabet
    const records = recordsOf(m, ef);
    const old = records[this.record - 1];
    const data = old ? old.slice() : Uint8Array.of(0x7e, 0x01, 0x00);
    if (data.length > 2) data[data.length - 1] = data[data.length - 1]! ^ (this.flip | 1);
    consume(m);
    let e: Expectation;
    if (modelApplicationBlocked(m)) e = status('6A81');
    else if (ef === undefined) e = status('6A82');
    else if (old === undefined) e = status('6A83');
    else if (securityStatus(m, ef, 'write') !== null) e = status(securityStatus(m, ef, 'write')!);
    else e = status('9000');
    const apdu = concatBytes(Uint8Array.of(0x00, 0xdc, this.record, (sfi << 3) | 0b100, data.length), data);
    const reply = await step(r, `${this.toString()} (SFI ${hexByte(sfi)})`, apdu, e);
    if (reply.sw === 0x9000 && ef !== undefined) {
      const next = [...records];
      next[this.record - 1] = data;
      m.records.set(ef, next);
    }
  }
  toString(): string {
    return `UPDATE RECORD sfi#${this.sfiIndex} rec ${this.record}`;
  }
}
