import { afterEach, describe, expect, test } from 'vitest';
import { Card } from '../../src/card.js';
import { CardServer } from '../../src/serve/card-server.js';
import { silentLog } from '../../src/serve/servable-card.js';
import { hex, toHex } from '../helpers/bytes.js';
import { cardImage } from '../helpers/images.js';
import { FakeVpcd } from './fake-vpcd.js';
import { ProbeCard } from './probe-card.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function twoSlots() {
  const a = await FakeVpcd.listen();
  const b = await FakeVpcd.listen();
  const saved: string[] = [];
  const server = new CardServer({ log: silentLog, backoff: { initialMs: 5, maxMs: 20 } });
  server.add({ port: a.port, label: 'card', card: new ProbeCard(), onShutdown: () => saved.push('card') });
  server.add({ port: b.port, label: 'psam', card: new ProbeCard(), onShutdown: () => saved.push('psam') });
  cleanups.push(
    () => a.close(),
    () => b.close(),
    () => server.close(),
  );
  server.start();
  return { a, b, server, saved };
}

describe('several cards in one serve process', () => {
  test('07-vpcd: each card connects to its own vpcd port', async () => {
    const { a, b } = await twoSlots();
    expect((await (await a.accept()).exchange(new Uint8Array([0x04]))).length).toBeGreaterThan(0);
    expect((await (await b.accept()).exchange(new Uint8Array([0x04]))).length).toBeGreaterThan(0);
  });

  test('07-vpcd: "remove PORT" takes out that card only; "insert PORT" brings it back', async () => {
    const { a, b, server } = await twoSlots();
    const peerA = await a.accept();
    const peerB = await b.accept();
    expect(server.command(`remove ${a.port}`)?.message).toMatch(/removed/);
    await peerA.closed;
    expect(peerB.isClosed).toBe(false);
    expect(server.command(`insert ${a.port}`)?.ok).toBe(true);
    await a.accept();
  });

  test('07-vpcd: toggleAll (SIGUSR1) removes every inserted card, again inserts them', async () => {
    const { a, b, server } = await twoSlots();
    const [peerA, peerB] = [await a.accept(), await b.accept()];
    server.toggleAll();
    await Promise.all([peerA.closed, peerB.closed]);
    server.toggleAll();
    await Promise.all([a.accept(), b.accept()]);
  });

  test('07-vpcd: unknown ports and commands are reported, "quit" asks to quit', async () => {
    const { server } = await twoSlots();
    expect(server.command('remove 1')).toEqual({ ok: false, message: 'no card on port 1' });
    expect(server.command('eject')?.ok).toBe(false);
    expect(server.command('quit')?.quit).toBe(true);
    expect(server.command('')).toBeNull();
  });

  test('07-vpcd: close() takes every card out, then lets each save its state', async () => {
    const { a, b, server, saved } = await twoSlots();
    const [peerA, peerB] = [await a.accept(), await b.accept()];
    await server.close();
    await Promise.all([peerA.closed, peerB.closed]);
    expect(saved).toEqual(['card', 'psam']);
  });
});

describe('serve: cut-power-after N [PORT] (12-payment 防拔)', () => {
  test('12-payment 防拔: the next command of that card loses power after write N: no answer, the card out of the reader, nothing of the command kept; insert puts it back', async () => {
    const vpcd = await FakeVpcd.listen();
    const server = new CardServer({ log: silentLog, backoff: { initialMs: 5, maxMs: 20 } });
    const card = new Card(cardImage('2g'));
    server.add({ port: vpcd.port, label: 'ssc-2g-des', card });
    cleanups.push(
      () => vpcd.close(),
      () => server.close(),
    );
    server.start();
    const peer = await vpcd.accept();
    const wrongPin = hex('0020000003999999');
    peer.send(hex('00A40000023F00'));
    expect(toHex(await peer.receive()).slice(-4)).toMatch(/^(9000|61..)$/);
    expect(server.command(`cut-power-after 1 ${vpcd.port}`)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/loses power after write 1.*insert/),
    });
    peer.send(wrongPin); // its first write is the PIN counter: the power goes
    await expect(peer.receive()).rejects.toThrow(/closed/);
    await peer.closed;
    expect(server.command('status')?.message).toMatch(/removed/);
    expect(server.command(`insert ${vpcd.port}`)?.ok).toBe(true);
    const back = await vpcd.accept();
    back.send(Uint8Array.of(0x01)); // vpcd's power on
    back.send(hex('00A40000023F00'));
    expect(toHex(await back.receive()).slice(-4)).toMatch(/^(9000|61..)$/);
    // The torn VERIFY left the PIN counter as it was: the card answers the full count.
    expect(toHex(await back.exchange(hex('00200000')))).toBe('63C5');
  });

  test('12-payment 防拔: bad counts and ports are reported; a card without the hook says so', async () => {
    const { server, a } = await twoSlots();
    expect(server.command('cut-power-after 0')?.ok).toBe(false);
    expect(server.command('cut-power-after')?.ok).toBe(false);
    expect(server.command('cut-power-after 2 1')).toEqual({ ok: false, message: 'no card on port 1' });
    expect(server.command(`cut-power-after 2 ${a.port}`)?.message).toMatch(/cannot cut power/);
  });
});
