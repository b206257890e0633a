/**
 * The in-process card behind the async `Transport` interface of @ssc-cos/apdu-codec, so hosts
 * (terminal library, conformance suite) drive it exactly like a reader.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import type { Card } from '../card.js';

export class CardTransport implements Transport {
  /** Public and mutable so a host can swap in a fresh card behind the same transport. */
  constructor(public card: Card) {}

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    return this.card.transmit(command);
  }

  async reset(): Promise<Uint8Array> {
    return this.card.reset();
  }

  async atr(): Promise<Uint8Array> {
    return this.card.atr;
  }

  async close(): Promise<void> {}
}
