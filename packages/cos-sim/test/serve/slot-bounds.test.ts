/**
 * Findings 10 and 12 of issue 15, for `serve`: a vpcd peer that never reads its answers does
 * not make the card queue them without bound (the slot stops reading that peer, and drops the
 * connection past a bound); a peer that accepts and drops at once gets reconnections with
 * exponential backoff, not ~700 a second; a host name that does not resolve is a final error.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { ServableCard } from '../../src/serve/servable-card.js';
import { silentLog } from '../../src/serve/servable-card.js';
import { VpcdSlot } from '../../src/serve/vpcd-slot.js';
import { ProbeCard } from './probe-card.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listen(onSocket: (s: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(onSocket);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { server, port: (server.address() as { port: number }).port };
}

/** Answers every APDU with 2 KiB of data ‖ 9000, and counts them. */
class BigAnswerCard implements ServableCard {
  transmits = 0;
  powerOn() {
    return new Uint8Array([0x3b, 0x00]);
  }
  reset() {
    return new Uint8Array([0x3b, 0x00]);
  }
  transmit() {
    this.transmits++;
    const out = new Uint8Array(2048 + 2);
    out[2048] = 0x90;
    return out;
  }
}

describe('serve backpressure', () => {
  test('a peer that never reads: the slot stops serving it instead of queueing 40 MB of answers', async () => {
    const card = new BigAnswerCard();
    const FRAMES = 20_000;
    const sockets: Socket[] = [];
    const { port } = await listen((s) => {
      sockets.push(s);
      s.pause(); // never reads a byte
      s.on('error', () => {});
      const frame = Buffer.from([0x00, 0x05, 0x00, 0xb0, 0x00, 0x00, 0x00]);
      s.write(Buffer.concat(Array.from({ length: FRAMES }, () => frame)));
    });
    const slot = new VpcdSlot({ card, port, log: silentLog, backoff: { initialMs: 10_000, maxMs: 10_000 } });
    cleanups.push(() => slot.close());
    slot.insert();
    await new Promise((r) => setTimeout(r, 1500));
    // What the kernel buffers (a few MB on loopback) plus the slot's own bound, not all 40 MB.
    expect(card.transmits).toBeLessThan(FRAMES / 2);
    for (const s of sockets) s.destroy();
  });
});

describe('serve reconnection', () => {
  test('a peer that takes one frame and drops: reconnections back off exponentially', async () => {
    let connections = 0;
    const { port } = await listen((s) => {
      connections++;
      s.on('error', () => {});
      s.write(Buffer.from([0x00, 0x01, 0x04])); // one GET ATR, then gone
      s.once('data', () => s.destroy());
    });
    const slot = new VpcdSlot({
      card: new ProbeCard(),
      port,
      log: silentLog,
      backoff: { initialMs: 20, maxMs: 400 },
    });
    cleanups.push(() => slot.close());
    slot.insert();
    await new Promise((r) => setTimeout(r, 1200));
    // 20 + 40 + 80 + 160 + 320 + 400 ms ≈ 1 s: about 6–7 connections, never hundreds.
    expect(connections).toBeGreaterThanOrEqual(2);
    expect(connections).toBeLessThanOrEqual(10);
  });

  test('a host name that does not resolve is a final error, not retried for ever', async () => {
    const errors: string[] = [];
    const slot = new VpcdSlot({
      card: new ProbeCard(),
      port: 35963,
      host: 'no-such-vpcd-host.invalid',
      log: { info() {}, trace() {}, warn: (m) => errors.push(m) },
      backoff: { initialMs: 5, maxMs: 5 },
      onGiveUp: (reason) => errors.push(`gave up: ${reason}`),
    });
    cleanups.push(() => slot.close());
    slot.insert();
    const deadline = Date.now() + 8000;
    while (!errors.some((e) => e.startsWith('gave up')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(errors.find((e) => e.startsWith('gave up'))).toMatch(
      /no-such-vpcd-host\.invalid.*(resolve|ENOTFOUND)/,
    );
    expect(slot.inserted).toBe(false);
  }, 15_000);
});
