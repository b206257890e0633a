/**
 * vpcd wire framing (07-vpcd.md): every message, both ways, is a 2-byte big-endian length
 * followed by that many payload bytes. TCP delivers a byte stream, so a frame may arrive in
 * pieces (vpcd itself writes the header and the payload separately) or several at once.
 */

/** Largest payload the 2-byte length can announce. */
export const MAX_VPCD_PAYLOAD = 0xffff;

/** Control bytes vpcd sends as a 1-byte payload. */
export const VpcdControl = {
  powerOff: 0x00,
  powerOn: 0x01,
  reset: 0x02,
  getAtr: 0x04,
} as const;

/**
 * Incremental decoder: feed it whatever the socket delivers, it calls `onFrame` once per
 * complete payload, in order.
 *
 * Chunks may be views of one reused read buffer, so every payload is copied out into its own
 * plain Uint8Array (one small allocation per APDU), which the card may keep.
 */
export class VpcdFrameDecoder {
  private headerHigh = -1;
  private payload: Uint8Array | null = null;
  private filled = 0;
  /** Bumped by clear(), so a push() interrupted by a reset drops the rest of its chunk. */
  private epoch = 0;

  constructor(private readonly onFrame: (payload: Uint8Array) => void) {}

  /** Forgets any partial frame (after a reconnect the stream starts afresh). */
  clear(): void {
    this.epoch++;
    this.headerHigh = -1;
    this.payload = null;
    this.filled = 0;
  }

  /** True while a frame has been started but not completed. */
  get partial(): boolean {
    return this.headerHigh >= 0 || this.payload !== null;
  }

  push(chunk: Uint8Array): void {
    const epoch = this.epoch;
    let at = 0;
    const end = chunk.length;
    while (at < end) {
      if (this.payload !== null) {
        const take = Math.min(this.payload.length - this.filled, end - at);
        this.payload.set(chunk.subarray(at, at + take), this.filled);
        this.filled += take;
        at += take;
        if (this.filled === this.payload.length) {
          const done = this.payload;
          this.payload = null;
          this.filled = 0;
          this.onFrame(done);
          if (epoch !== this.epoch) return;
        }
        continue;
      }
      let length: number;
      if (this.headerHigh >= 0) {
        length = (this.headerHigh << 8) | chunk[at]!;
        this.headerHigh = -1;
        at += 1;
      } else if (end - at >= 2) {
        length = (chunk[at]! << 8) | chunk[at + 1]!;
        at += 2;
      } else {
        this.headerHigh = chunk[at]!;
        at += 1;
        continue;
      }
      if (end - at >= length) {
        // A copy: the chunk's memory is the socket's reused read buffer, and the card may keep
        // command bytes in its image (a new PIN). A plain Uint8Array, not a Buffer, which
        // would serialise as {"type":"Buffer"} instead of hex.
        const frame = new Uint8Array(length);
        frame.set(chunk.subarray(at, at + length));
        at += length;
        this.onFrame(frame);
        if (epoch !== this.epoch) return;
      } else {
        this.payload = new Uint8Array(length);
        this.filled = end - at;
        this.payload.set(chunk.subarray(at, end));
        at = end;
      }
    }
  }
}

/** Header ‖ payload in one buffer, so the reply leaves in a single write. */
export function encodeVpcdFrame(payload: Uint8Array): Buffer {
  if (payload.length > MAX_VPCD_PAYLOAD) {
    throw new RangeError(`vpcd payload of ${payload.length} bytes exceeds ${MAX_VPCD_PAYLOAD}`);
  }
  const out = Buffer.allocUnsafe(payload.length + 2);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, 2);
  return out;
}
