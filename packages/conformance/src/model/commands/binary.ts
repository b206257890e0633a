/** READ BINARY by SFI (02-commands §READ/UPDATE BINARY). */

import { hexByte } from '@ssc-cos/apdu-codec';
import { readBinary } from '../../apdus.js';
import type { Expectation } from '../expectation.js';
import { pickSfi, securityStatus } from '../file-choice.js';
import { type ModelState, modelApplicationBlocked } from '../model-state.js';
import { type Cmd, consume, type ModelReal, status, step } from '../step.js';

export class ReadBinaryBySfi implements Cmd {
  constructor(
    readonly sfiIndex: number,
    readonly offset: number,
    readonly le: number,
  ) {}
  check(m: Readonly<ModelState>): boolean {
    return m.currentDf.efs.some((e) => e.kind === 'transparent' && e.sfi !== null);
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const { sfi, ef } = pickSfi(m, this.sfiIndex);
    consume(m);
    let e: Expectation;
    if (modelApplicationBlocked(m)) e = status('6A81');
    else if (ef === undefined) e = status('6A82');
    else if (ef.kind !== 'transparent') e = status('6981');
    else if (this.offset >= ef.size) e = status('6B00', '6982');
    else if (securityStatus(m, ef, 'read') !== null) e = status(securityStatus(m, ef, 'read')!);
    else {
      const left = ef.size - this.offset;
      if (this.le !== 0 && this.le > left) e = status(`6C${hexByte(left)}`);
      else {
        const n = this.le === 0 ? Math.min(256, left) : this.le;
        const data = ef.data ? ef.data.slice(this.offset, this.offset + n) : new Uint8Array(n);
        e = { sw: ['9000'], data };
      }
    }
    await step(r, `${this.toString()} (SFI ${hexByte(sfi)})`, readBinary(sfi, this.offset, this.le), e);
  }
  toString(): string {
    return `READ BINARY sfi#${this.sfiIndex} @${this.offset} Le ${this.le}`;
  }
}
