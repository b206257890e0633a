import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { encodeVpcdFrame, MAX_VPCD_PAYLOAD, VpcdFrameDecoder } from '../../src/serve/vpcd-frame.js';

/** Cuts a byte stream at the given points (as TCP may). */
function cut(stream: Uint8Array, points: number[]): Uint8Array[] {
  const sorted = [...new Set(points.map((p) => p % (stream.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const p of sorted) {
    pieces.push(stream.slice(from, p));
    from = p;
  }
  pieces.push(stream.slice(from));
  return pieces;
}

describe('vpcd framing', () => {
  test('07-vpcd: a frame is 2-byte big-endian length ‖ payload', () => {
    expect([...encodeVpcdFrame(new Uint8Array([0x90, 0x00]))]).toEqual([0x00, 0x02, 0x90, 0x00]);
    const big = new Uint8Array(0x1234).fill(7);
    const frame = encodeVpcdFrame(big);
    expect([frame[0], frame[1], frame.length]).toEqual([0x12, 0x34, 0x1236]);
  });

  test('07-vpcd: a payload longer than the 2-byte length can say is refused', () => {
    expect(() => encodeVpcdFrame(new Uint8Array(MAX_VPCD_PAYLOAD + 1))).toThrow(RangeError);
    expect(encodeVpcdFrame(new Uint8Array(MAX_VPCD_PAYLOAD)).length).toBe(MAX_VPCD_PAYLOAD + 2);
  });

  test.prop([
    fc.array(fc.uint8Array({ minLength: 0, maxLength: 600 }), { maxLength: 12 }),
    fc.array(fc.nat(), { maxLength: 20 }),
  ])('07-vpcd: frames cut anywhere by TCP decode to the same payloads, in order', (payloads, points) => {
    const stream = Buffer.concat(payloads.map((p) => encodeVpcdFrame(p)));
    const got: number[][] = [];
    const decoder = new VpcdFrameDecoder((p) => got.push([...p]));
    for (const piece of cut(stream, points)) decoder.push(piece);
    expect(got).toEqual(payloads.map((p) => [...p]));
    expect(decoder.partial).toBe(false);
  });

  test('07-vpcd: payloads are plain Uint8Arrays even when read from a Buffer (the card may keep them)', () => {
    const kinds: string[] = [];
    const decoder = new VpcdFrameDecoder((p) => kinds.push(p.constructor.name));
    decoder.push(Buffer.from([0x00, 0x02, 0x12, 0x34, 0x00, 0x03, 0x56]));
    decoder.push(Buffer.from([0x78, 0x9a]));
    expect(kinds).toEqual(['Uint8Array', 'Uint8Array']);
  });

  test('07-vpcd: header and payload in separate writes (as vpcd sends them) decode to one frame', () => {
    const got: number[][] = [];
    const decoder = new VpcdFrameDecoder((p) => got.push([...p]));
    decoder.push(new Uint8Array([0x00]));
    expect(decoder.partial).toBe(true);
    decoder.push(new Uint8Array([0x05]));
    decoder.push(new Uint8Array([0x00, 0xb2, 0x01]));
    decoder.push(new Uint8Array([0x2c, 0x00]));
    expect(got).toEqual([[0x00, 0xb2, 0x01, 0x2c, 0x00]]);
  });

  test('07-vpcd: clear() inside a frame callback drops the rest of the chunk (connection reset)', () => {
    const got: number[][] = [];
    const decoder: VpcdFrameDecoder = new VpcdFrameDecoder((p) => {
      got.push([...p]);
      decoder.clear();
    });
    decoder.push(new Uint8Array([0x00, 0x01, 0x04, 0x00, 0x01, 0x04, 0x00]));
    expect(got).toEqual([[0x04]]);
    expect(decoder.partial).toBe(false);
  });
});
