/** SELECT of the MF, a child DF or an EF (01-card §File tree; 02-commands SELECT). */

import { hexByte } from '@ssc-cos/apdu-codec';
import { selectFid } from '../../apdus.js';
import { concatBytes, hexWord } from '../../bytes.js';
import type { DfDescription } from '../../description/card-description.js';
import type { Expectation } from '../expectation.js';
import { type ModelState, modelApplicationBlocked } from '../model-state.js';
import { type Cmd, consume, type ModelReal, status, step } from '../step.js';

export class SelectMf implements Cmd {
  constructor(readonly byName: boolean) {}
  check(): boolean {
    return true;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const name = m.card.mf.name;
    const apdu =
      this.byName && name
        ? concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, name.length), name)
        : selectFid(m.card.mf.fid);
    await selectDf(m, r, this.toString(), apdu, m.card.mf);
  }
  toString(): string {
    return this.byName ? 'SELECT MF by name' : 'SELECT MF';
  }
}

export class SelectChildDf implements Cmd {
  constructor(readonly index: number) {}
  check(m: Readonly<ModelState>): boolean {
    return m.currentDf === m.card.mf && this.index < m.card.mf.dfs.length;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const df = m.card.mf.dfs[this.index]!;
    await selectDf(m, r, this.toString(), selectFid(df.fid), df);
  }
  toString(): string {
    return `SELECT child DF #${this.index}`;
  }
}

async function selectDf(
  m: ModelState,
  r: ModelReal,
  label: string,
  apdu: Uint8Array,
  target: DfDescription,
): Promise<void> {
  consume(m);
  const blocked = m.lifecycle.get(target) !== 'active' || m.lifecycle.get(m.card.mf) !== 'active';
  const known = m.fci.get(target);
  const t0 = m.card.transport === 'T0';
  let e: Expectation;
  if (blocked) e = t0 ? status('6283') : { sw: ['6283'] };
  else if (t0) e = status(known ? `61${hexByte(known.length)}` : '61??');
  else e = known ? { sw: ['9000'], data: known } : { sw: ['9000'] };
  const reply = await step(r, label, apdu, e);
  m.currentDf = target;
  m.currentEf = null;
  m.authKeys.clear();
  if (reply.sw >> 8 === 0x61) m.pending = { length: reply.sw & 0xff, bytes: known ?? null, fromStart: true };
  else if (reply.sw === 0x9000 && !known) m.fci.set(target, reply.data.slice());
}

export class SelectEf implements Cmd {
  constructor(
    readonly index: number,
    readonly p1: number,
  ) {}
  check(m: Readonly<ModelState>): boolean {
    return !modelApplicationBlocked(m as ModelState);
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    consume(m);
    const ef = m.currentDf.efs[this.index % (m.currentDf.efs.length + 1)];
    const fid = ef ? ef.fid : 0x1234;
    await step(
      r,
      `${this.toString()} → ${hexWord(fid)}`,
      selectFid(fid, this.p1),
      status(ef ? '9000' : '6A82'),
    );
    if (ef) m.currentEf = ef;
  }
  toString(): string {
    return `SELECT EF #${this.index} P1=${this.p1}`;
  }
}
