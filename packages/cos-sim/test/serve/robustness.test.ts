import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { Card } from '../../src/card.js';
import { buildImage, loadProfile } from '../../src/profile/index.js';
import { silentLog } from '../../src/serve/servable-card.js';
import { VpcdSlot } from '../../src/serve/vpcd-slot.js';
import { FakeVpcd, type VpcdPeer } from './fake-vpcd.js';

/** The status words 02-commands.md lets the card answer (xx = any). */
const VALID_SW = [
  0x9000, 0x6281, 0x6283, 0x6581, 0x6700, 0x6881, 0x6981, 0x6982, 0x6983, 0x6984, 0x6985, 0x6986, 0x6987,
  0x6988, 0x6a80, 0x6a81, 0x6a82, 0x6a83, 0x6a84, 0x6a86, 0x6a88, 0x6b00, 0x6d00, 0x6e00, 0x9303,
]
  .map((sw) => ({ sw, mask: 0xffff }))
  .concat([0x6100, 0x63c0, 0x6c00].map((sw) => ({ sw, mask: sw === 0x63c0 ? 0xfff0 : 0xff00 })));

type Abuse =
  | { kind: 'garbage-apdu'; bytes: Uint8Array }
  | { kind: 'empty' }
  | { kind: 'bad-control'; byte: number }
  | { kind: 'cut'; bytes: Uint8Array };

const abuse: fc.Arbitrary<Abuse> = fc.oneof(
  {
    weight: 85,
    arbitrary: fc
      .uint8Array({ minLength: 2, maxLength: 300 })
      .map((bytes) => ({ kind: 'garbage-apdu' as const, bytes })),
  },
  { weight: 5, arbitrary: fc.constant({ kind: 'empty' as const }) },
  {
    weight: 5,
    arbitrary: fc
      .integer({ min: 0, max: 255 })
      .filter((b) => ![0, 1, 2, 4].includes(b))
      .map((byte) => ({ kind: 'bad-control' as const, byte })),
  },
  // A random disconnect: vpcd's side goes away in the middle of a frame.
  {
    weight: 5,
    arbitrary: fc
      .uint8Array({ minLength: 1, maxLength: 40 })
      .map((bytes) => ({ kind: 'cut' as const, bytes })),
  },
);

describe('vpcd server robustness', () => {
  let vpcd: FakeVpcd;
  let slot: VpcdSlot;
  afterAll(async () => {
    await slot?.close();
    await vpcd?.close();
  });

  test('07-vpcd: 10,000 malformed frames and random disconnects; the card keeps serving', async () => {
    vpcd = await FakeVpcd.listen();
    const card = new Card(buildImage(loadProfile('ssc-2g-des')), { seed: 7816 });
    const atr = [...card.atr];
    slot = new VpcdSlot({
      card,
      port: vpcd.port,
      log: silentLog,
      backoff: { initialMs: 1, maxMs: 20 },
    });
    slot.insert();
    const plan = fc.sample(abuse, { numRuns: 10_000, seed: 7816 });
    let peer: VpcdPeer = await vpcd.accept();
    let framingErrors = 0;
    let disconnects = 0;
    for (const step of plan) {
      switch (step.kind) {
        case 'garbage-apdu': {
          // Any payload of 2+ bytes is a C-APDU: whatever its content, the card answers it with
          // a status word of 02-commands (6F00 would be a fault inside the simulator).
          const reply = await peer.exchange(step.bytes);
          expect(reply.length).toBeGreaterThanOrEqual(2);
          const sw = (reply[reply.length - 2]! << 8) | reply[reply.length - 1]!;
          if (sw === 0x6f00 || !VALID_SW.some((v) => (sw & v.mask) === v.sw)) {
            expect.fail(`${Buffer.from(step.bytes).toString('hex')} → ${sw.toString(16)}`);
          }
          continue;
        }
        case 'empty':
          peer.send(new Uint8Array(0));
          framingErrors++;
          break;
        case 'bad-control':
          peer.send(new Uint8Array([step.byte]));
          framingErrors++;
          break;
        case 'cut': {
          const header = new Uint8Array([0x01, 0x00]); // announces 256 bytes, sends fewer
          peer.sendRaw(new Uint8Array([...header, ...step.bytes]));
          peer.drop();
          disconnects++;
          break;
        }
      }
      await peer.closed;
      peer = await vpcd.accept();
    }
    expect(framingErrors + disconnects).toBeGreaterThan(500);
    expect(slot.stats.badFrames).toBe(framingErrors);
    // Still serving: a fresh session answers the presence poll and an APDU.
    expect([...(await peer.exchange(new Uint8Array([0x04])))]).toEqual(atr);
    const select = await peer.exchange(Buffer.from('00A404000F7378312E73682EC9E7BBE1B1A3D5CF', 'hex'));
    expect(select[0]).toBe(0x61);
    // 01-card.md SSSE EF05 record 1 (tag 01, 16 bytes) and 9000.
    const record = await peer.exchange(new Uint8Array([0x00, 0xb2, 0x01, 0x2c, 0x00]));
    expect(Buffer.from(record).toString('hex').toUpperCase()).toBe(
      '0110110100D15600000526112200000100009000',
    );
    expect(slot.online).toBe(true);
  });
});
