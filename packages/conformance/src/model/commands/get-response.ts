/** GET RESPONSE of pending T=0 data, whole or in parts (02-commands §GET RESPONSE). */

import { hexByte } from '@ssc-cos/apdu-codec';
import { hexWord } from '../../bytes.js';
import type { ChannelReply } from '../../channel/channel.js';
import { type Expectation, expectationPattern, mismatch } from '../expectation.js';
import { type ModelState, modelApplicationBlocked } from '../model-state.js';
import { type Cmd, ModelMismatch, type ModelReal, status } from '../step.js';

export class GetResponse implements Cmd {
  constructor(readonly le: number) {}
  check(m: Readonly<ModelState>): boolean {
    return m.card.transport === 'T0';
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const pending = m.pending;
    m.challenge = null;
    let e: Expectation;
    if (pending === null) e = modelApplicationBlocked(m) ? status('6985', '6A81') : status('6985');
    else if (this.le === 0 || this.le >= pending.length)
      e = { sw: ['9000'], data: pending.bytes ?? pending.length };
    else
      e = {
        sw: [`61${hexByte(pending.length - this.le)}`],
        data: pending.bytes ? pending.bytes.slice(0, this.le) : this.le,
      };
    // A 61yy answer carries data here (the part fetched): check it by hand, mismatch() would refuse it.
    r.steps.push({
      command: Uint8Array.of(0x00, 0xc0, 0x00, 0x00, this.le),
      expect: expectationPattern(e),
      note: this.toString(),
    });
    const reply = await r.card.send(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, this.le));
    const partial = reply.sw >> 8 === 0x61;
    const why = partial ? partialMismatch(reply, e) : mismatch(reply, e);
    if (why !== null && !r.lenient) throw new ModelMismatch(`${this.toString()}: ${why}`);
    if (pending !== null && !partial && reply.sw === 0x9000 && pending.bytes === null && pending.fromStart) {
      m.fci.set(m.currentDf, reply.data.slice());
    }
    if (partial && pending !== null) {
      const rest = pending.bytes ? pending.bytes.slice(this.le) : null;
      m.pending = { length: pending.length - this.le, bytes: rest, fromStart: false };
    } else m.pending = null;
  }
  toString(): string {
    return `GET RESPONSE ${this.le}`;
  }
}

function partialMismatch(reply: ChannelReply, e: Expectation): string | null {
  if (!e.sw.some((p) => p.slice(0, 2) === '61' && p.slice(2) === hexWord(reply.sw).slice(2)))
    return `SW ${hexWord(reply.sw)}, expected ${e.sw.join(' or ')}`;
  const want = e.data;
  if (typeof want === 'number')
    return reply.data.length === want ? null : `${reply.data.length} bytes, expected ${want}`;
  if (want instanceof Uint8Array)
    return Buffer.compare(reply.data, want) === 0 ? null : 'partial data differs';
  return null;
}
