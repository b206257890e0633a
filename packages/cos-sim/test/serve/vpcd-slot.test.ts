import { parseTraceText, toHex } from '@ssc-cos/apdu-codec';
import { afterEach, describe, expect, test } from 'vitest';
import { silentLog } from '../../src/serve/servable-card.js';
import { VpcdSlot, type VpcdSlotOptions } from '../../src/serve/vpcd-slot.js';
import { FakeVpcd } from './fake-vpcd.js';
import { PROBE_COLD_ATR, PROBE_WARM_ATR, ProbeCard } from './probe-card.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(card = new ProbeCard(), more: Partial<VpcdSlotOptions> = {}) {
  const vpcd = await FakeVpcd.listen();
  const slot = new VpcdSlot({
    card,
    port: vpcd.port,
    log: silentLog,
    backoff: { initialMs: 5, maxMs: 50 },
    ...more,
  });
  cleanups.push(
    () => vpcd.close(),
    () => slot.close(),
  );
  return { vpcd, slot, card };
}

const ctl = (b: number) => new Uint8Array([b]);

describe('vpcd slot', () => {
  test('issue 9 item 10: --trace writes the one trace format: power-on as a reset with its ATR, each APDU with its answer, the port as device, timestamps', async () => {
    const vpcd = await FakeVpcd.listen();
    const lines: string[] = [];
    const log = { info() {}, warn() {}, trace: (m: string) => lines.push(m) };
    const slot = new VpcdSlot({
      card: new ProbeCard(),
      port: vpcd.port,
      log,
      trace: true,
      backoff: { initialMs: 5, maxMs: 50 },
    });
    cleanups.push(
      () => vpcd.close(),
      () => slot.close(),
    );
    slot.insert();
    const peer = await vpcd.accept();
    peer.send(ctl(0x01));
    const before = Date.now();
    await peer.exchange(new Uint8Array([0x00, 0x84, 0x00, 0x00, 0x08]));
    const trace = parseTraceText(lines.join('\n'));
    expect(trace.map((e) => (e.command === null ? 'reset' : toHex(e.command)))).toEqual([
      'reset',
      '0084000008',
    ]);
    expect(toHex(trace[0]!.response!)).toBe(toHex(PROBE_COLD_ATR));
    expect(toHex(trace[1]!.response!)).toBe('849000');
    expect(trace.every((e) => e.device === String(vpcd.port))).toBe(true);
    expect(trace[1]!.timestamp).toBeGreaterThanOrEqual(before - 1000);
    expect(trace[1]!.answeredAt).toBeGreaterThanOrEqual(trace[1]!.timestamp!);
  });

  test('07-vpcd: inserting = connecting; get ATR (04) is answered with the ATR', async () => {
    const { vpcd, slot } = await setup();
    slot.insert();
    const peer = await vpcd.accept();
    expect([...(await peer.exchange(ctl(0x04)))]).toEqual([...PROBE_COLD_ATR]);
  });

  test('07-vpcd: power on (01), reset (02) and power off (00) get no reply; reset changes the ATR', async () => {
    const { vpcd, slot, card } = await setup();
    slot.insert();
    const peer = await vpcd.accept();
    peer.send(ctl(0x01));
    peer.send(ctl(0x02));
    // If 01/02 had been answered, those replies would come before the ATR.
    expect([...(await peer.exchange(ctl(0x04)))]).toEqual([...PROBE_WARM_ATR]);
    peer.send(ctl(0x00));
    expect([...(await peer.exchange(new Uint8Array([0x00, 0x84, 0x00, 0x00, 0x08])))]).toEqual([
      0x84, 0x90, 0x00,
    ]);
    // Constructor + connect + 01 + 02, then an APDU after 00 powers it on again.
    expect(card.calls).toEqual(['powerOn', 'powerOn', 'powerOn', 'reset', 'powerOn', 'transmit']);
  });

  test('07-vpcd: a payload longer than 1 byte is a C-APDU answered by the R-APDU', async () => {
    const { vpcd, slot } = await setup();
    slot.insert();
    const peer = await vpcd.accept();
    peer.send(ctl(0x01));
    for (const ins of [0xa4, 0xb2, 0xc0]) {
      expect([...(await peer.exchange(new Uint8Array([0x00, ins, 0x00, 0x00])))]).toEqual([ins, 0x90, 0x00]);
    }
    expect(slot.stats.apdus).toBe(3);
  });

  test('07-vpcd: an empty payload is a malformed frame: logged, connection reset, then reconnected', async () => {
    const { vpcd, slot } = await setup();
    slot.insert();
    const first = await vpcd.accept();
    first.send(new Uint8Array(0));
    await first.closed;
    const second = await vpcd.accept();
    expect([...(await second.exchange(ctl(0x04)))]).toEqual([...PROBE_COLD_ATR]);
    expect(slot.stats.badFrames).toBe(1);
  });

  test('07-vpcd: an unknown control byte is a malformed frame', async () => {
    const { vpcd, slot } = await setup();
    slot.insert();
    const first = await vpcd.accept();
    first.send(ctl(0x03));
    await first.closed;
    await vpcd.accept();
    expect(slot.stats.badFrames).toBe(1);
  });

  test('07-vpcd: removing = closing the socket; inserting again reconnects with a cold ATR', async () => {
    const { vpcd, slot, card } = await setup();
    slot.insert();
    const first = await vpcd.accept();
    first.send(ctl(0x02));
    expect([...(await first.exchange(ctl(0x04)))]).toEqual([...PROBE_WARM_ATR]);
    slot.remove();
    await first.closed;
    expect(slot.inserted).toBe(false);
    slot.insert();
    const second = await vpcd.accept();
    expect([...(await second.exchange(ctl(0x04)))]).toEqual([...PROBE_COLD_ATR]);
    expect(card.calls.at(-1)).toBe('powerOn');
  });

  test('07-vpcd: vpcd not up yet (pcscd starting) → keeps retrying, connects once it listens', async () => {
    const probe = await FakeVpcd.listen();
    const port = probe.port;
    await probe.close();
    const slot = new VpcdSlot({
      card: new ProbeCard(),
      port,
      log: silentLog,
      backoff: { initialMs: 5, maxMs: 40 },
    });
    cleanups.push(() => slot.close());
    slot.insert();
    await new Promise((r) => setTimeout(r, 120));
    expect(slot.online).toBe(false);
    const vpcd = await FakeVpcd.listen(port);
    cleanups.push(() => vpcd.close());
    const peer = await vpcd.accept();
    expect([...(await peer.exchange(ctl(0x04)))]).toEqual([...PROBE_COLD_ATR]);
  });

  test('07-vpcd: pcscd restart (vpcd drops the connection) → the card reconnects', async () => {
    const { vpcd, slot } = await setup();
    slot.insert();
    const first = await vpcd.accept();
    await first.exchange(ctl(0x04));
    first.drop();
    const second = await vpcd.accept();
    expect([...(await second.exchange(ctl(0x04)))]).toEqual([...PROBE_COLD_ATR]);
    expect(slot.stats.connections).toBe(2);
  });

  test('07-vpcd: a frame cut by a dropped connection is forgotten, the next connection starts clean', async () => {
    const { vpcd, slot } = await setup();
    slot.insert();
    const first = await vpcd.accept();
    first.sendRaw(new Uint8Array([0x00, 0x05, 0x00, 0xb2]));
    await new Promise((r) => setTimeout(r, 20));
    first.drop();
    const second = await vpcd.accept();
    expect([...(await second.exchange(new Uint8Array([0x00, 0xa4, 0x00, 0x00])))]).toEqual([
      0xa4, 0x90, 0x00,
    ]);
  });
});

describe('vpcd slot, --timing real', () => {
  test('never answers before the delay has passed after the card gave its answer', async () => {
    // Node keeps timer starts in whole ms of loop time: setTimeout(send, 1.9) sent the answer
    // ~1.1 ms after the card gave it (once 0.02 ms). A real card is never early.
    let answered = 0;
    class ClockedProbe extends ProbeCard {
      override transmit(command: Uint8Array): Uint8Array {
        answered = performance.now();
        return super.transmit(command);
      }
    }
    const { vpcd, slot } = await setup(new ClockedProbe(), { responseDelayMs: () => 1.9 });
    slot.insert();
    const peer = await vpcd.accept();
    peer.send(ctl(0x01));
    const held: number[] = [];
    for (let i = 0; i < 20; i++) {
      expect(toHex(await peer.exchange(new Uint8Array([0x00, 0x84, 0x00, 0x00, 0x08])))).toBe('849000');
      held.push(performance.now() - answered);
    }
    expect(Math.min(...held)).toBeGreaterThanOrEqual(1.9);
  });
});
