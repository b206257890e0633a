/**
 * Torn transactions for the passbook property (12-payment 防拔), between the suite and the
 * target: armed once, it tears the next DEBIT FOR PURCHASE / CREDIT FOR LOAD (CLA 80, INS 54
 * or 52) in one of two ways that look the same to the terminal (no status word):
 * - a power cut by the target's hook: the card stops after its k-th internal write, so the
 *   transaction did not happen;
 * - a lost answer: the card did it and answered, the suite drops the answer (a card pulled
 *   right after answering). This needs nothing of the target, so it runs on a real card too.
 */
import type { Transport } from '@ssc-cos/apdu-codec';

export type Tear =
  | { readonly kind: 'power-cut'; readonly afterWrites: number }
  | { readonly kind: 'answer-lost' };

export class TearingTransport implements Transport {
  private armed: Tear | null = null;
  /** What the card answered to a command the power cut should have torn (null: it was torn). */
  untorn: Uint8Array | null = null;

  constructor(
    private readonly inner: Transport,
    private readonly cutPower: ((afterWrites: number) => void) | undefined,
  ) {}

  /** Tears the next DEBIT/CREDIT. A power cut needs a target with the hook. */
  arm(tear: Tear): void {
    if (tear.kind === 'power-cut' && this.cutPower === undefined)
      throw new Error('this target cannot cut power (no cutPowerAfterWrites)');
    this.armed = tear;
    this.untorn = null;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const tear = this.armed;
    if (tear === null || command[0] !== 0x80 || (command[1] !== 0x54 && command[1] !== 0x52))
      return this.inner.transmit(command);
    this.armed = null;
    if (tear.kind === 'answer-lost') {
      await this.inner.transmit(command);
      return new Uint8Array(0); // as the power cut answers: no status word
    }
    this.cutPower!(tear.afterWrites);
    const response = await this.inner.transmit(command);
    if (response.length >= 2) this.untorn = response;
    return response;
  }

  reset(): Promise<Uint8Array> {
    this.armed = null;
    return this.inner.reset();
  }

  atr(): Promise<Uint8Array> {
    return this.inner.atr();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
