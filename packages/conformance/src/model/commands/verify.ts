/** VERIFY right, wrong and without data (03-security §PIN). */
import { concatBytes } from '../../bytes.js';
import { pinBytes } from '../../description/card-description.js';
import { triesSw } from '../../patterns.js';
import type { Expectation } from '../expectation.js';
import { type ModelState, modelApplicationBlocked } from '../model-state.js';
import { type Cmd, consume, type ModelReal, status, step } from '../step.js';

export class Verify implements Cmd {
  constructor(readonly kind: 'right' | 'wrong' | 'empty') {}
  check(m: Readonly<ModelState>): boolean {
    return !(m.protectCard && this.kind === 'wrong' && m.pinTries <= 2);
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const digits = m.card.pin.digits;
    const wrong = digits.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
    const pin = pinBytes(this.kind === 'right' ? digits : wrong);
    const apdu =
      this.kind === 'empty'
        ? Uint8Array.of(0x00, 0x20, 0x00, 0x00)
        : concatBytes(Uint8Array.of(0x00, 0x20, 0x00, 0x00, pin.length), pin);
    consume(m);
    let e: Expectation;
    if (modelApplicationBlocked(m)) e = status('6A81');
    else if (m.pinTries === 0) e = status('6983');
    else if (this.kind === 'empty') e = status(triesSw(m.pinTries));
    else if (this.kind === 'right') e = status('9000');
    else e = status(triesSw(m.pinTries - 1));
    const reply = await step(r, this.toString(), apdu, e);
    if (reply.sw === 0x9000) {
      m.pinTries = m.card.pin.tries;
      m.pinVerified = true;
    } else if (this.kind === 'wrong' && reply.sw >> 4 === 0x63c) {
      m.pinTries--;
      m.pinVerified = false;
    }
  }
  toString(): string {
    return `VERIFY ${this.kind}`;
  }
}
