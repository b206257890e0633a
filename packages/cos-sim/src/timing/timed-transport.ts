/**
 * A Transport that answers no sooner than a real card would (response-time.ts): the in-process
 * target's `timing: 'real'`. The answer itself is the wrapped transport's, unchanged.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import { checkTimingFigures, responseTimeMs, type TimingFigures } from './response-time.js';
import { sleepAtLeast } from './sleep-at-least.js';

export class TimedTransport implements Transport {
  constructor(
    readonly inner: Transport,
    readonly figures: TimingFigures,
    /** Injectable for tests of the delay itself; default sleepAtLeast. */
    private readonly sleep: (ms: number) => Promise<void> = sleepAtLeast,
  ) {
    // Refused here, where the caller can see why, not as a transmit that never returns.
    checkTimingFigures(figures);
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const started = performance.now();
    const response = await this.inner.transmit(command);
    const wait = responseTimeMs(this.figures, command, response) - (performance.now() - started);
    if (wait > 0) await this.sleep(wait);
    return response;
  }

  reset(): Promise<Uint8Array> {
    return this.inner.reset();
  }

  atr(): Promise<Uint8Array> {
    return this.inner.atr();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
