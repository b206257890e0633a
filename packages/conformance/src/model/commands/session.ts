/** RESET, and commands the card does not know (02-commands §Order of checks 2–3). */
import { concatBytes, hexWord } from '../../bytes.js';
import { type ModelState, resetSession } from '../model-state.js';
import { type Cmd, consume, type ModelReal, status, step } from '../step.js';

export class Reset implements Cmd {
  check(): boolean {
    return true;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    r.steps.push({ command: null, expect: '', note: 'reset' });
    await r.card.reset();
    resetSession(m);
  }
  toString(): string {
    return 'RESET';
  }
}

/** INS values 02-commands.md does not define (and that are not T=0 procedure bytes). */
export const UNKNOWN_INS = [0x02, 0x10, 0x44, 0xca, 0xf2, 0x26];
export const CLAS = [0x00, 0x80, 0x04, 0x84, 0xa0, 0x01, 0x83, 0x10];

export class Garbage implements Cmd {
  constructor(
    readonly cla: number,
    readonly ins: number,
    readonly tail: Uint8Array,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    consume(m);
    const base = this.cla & 0xfc;
    const claOk = base === 0x00 || base === 0x80 || base === 0x04 || base === 0x84;
    // 02-commands: CLA → 6E00, channel bits → 6881, INS → 6D00, in that order.
    const sw = !claOk ? '6E00' : (this.cla & 0x03) !== 0 ? '6881' : '6D00';
    const apdu = concatBytes(Uint8Array.of(this.cla, this.ins, 0x00, 0x00), this.tail);
    await step(r, this.toString(), apdu, status(sw));
  }
  toString(): string {
    return `GARBAGE ${hexWord((this.cla << 8) | this.ins)}+${this.tail.length}`;
  }
}
