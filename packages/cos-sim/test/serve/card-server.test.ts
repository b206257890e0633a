import { afterEach, describe, expect, test } from 'vitest';
import { CardServer } from '../../src/serve/card-server.js';
import { silentLog } from '../../src/serve/servable-card.js';
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
