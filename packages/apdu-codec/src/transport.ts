/**
 * Anything that exchanges raw APDU bytes with a card: the in-process simulator, a PC/SC
 * reader, a vpcd socket. Everything above the wire (T=0 helper, terminal library, the
 * conformance suite) is written against this one interface.
 */
export interface Transport {
  /** Sends one command APDU and returns the raw response APDU (data ‖ SW1 SW2). */
  transmit(command: Uint8Array): Promise<Uint8Array>;
  /** Warm reset; returns the ATR. */
  reset(): Promise<Uint8Array>;
  /** The ATR of the current session. */
  atr(): Promise<Uint8Array>;
  /** Releases the connection (no-op in process). */
  close(): Promise<void>;
}
