/**
 * The in-process card behind the async `Transport` interface of @ssc-cos/apdu-codec, so hosts
 * (terminal library, conformance suite) drive it exactly like a reader. Written against the
 * synchronous face below (which `Card` has), so the engine does not import the card above it.
 */
import type { Transport } from '@ssc-cos/apdu-codec';

/** What a synchronous in-process card offers (implemented by `Card`, card.ts). */
export interface SyncCard {
  transmit(command: Uint8Array): Uint8Array;
  reset(): Uint8Array;
  readonly atr: Uint8Array;
}

export class CardTransport<C extends SyncCard = SyncCard> implements Transport {
  /** Public and mutable so a host can swap in a fresh card behind the same transport. */
  constructor(public card: C) {}

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
