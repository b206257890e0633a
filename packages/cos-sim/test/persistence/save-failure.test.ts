/**
 * Finding 5 of issue 15, 03-security.md §v2 "Persistence is part of the card": when the new
 * state cannot be made durable, the command answers 6581 and the card stays as it was on disk,
 * so a failed save never gives a spent try back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Card } from '../../src/card.js';
import type { CardImage } from '../../src/image/types.js';
import { hex, toHex } from '../helpers/bytes.js';
import { exitCode, runCli, startCli } from '../helpers/cli-process.js';
import { cardImage } from '../helpers/images.js';
import { VpcdPeer } from '../serve/fake-vpcd.js';

const dir = mkdtempSync(join(tmpdir(), 'cos-sim-save-failure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WRONG_PIN = '0020000003111111';
const pinTries = (image: CardImage) => image.mf.keys.find((k) => k.type === 'pin')!.triesLeft;

describe('a save that fails', () => {
  test('answers 6581, keeps the last saved image and forgets the session', () => {
    let failing = false;
    const faults: unknown[] = [];
    const card = new Card(cardImage('2g'), {
      onWrite: () => {
        if (failing) throw new Error('EFBIG: file too large');
      },
      onFault: (e) => faults.push(e),
    });
    expect(toHex(card.transmit(hex(WRONG_PIN)))).toBe('63C4');
    failing = true;
    expect(toHex(card.transmit(hex(WRONG_PIN)))).toBe('6581');
    expect(toHex(card.transmit(hex(WRONG_PIN)))).toBe('6581');
    expect(pinTries(card.image)).toBe(4);
    expect(faults).toHaveLength(2);
    // The right PIN does not open anything either while saves fail (its try spend is a write).
    expect(toHex(card.transmit(hex('0020000003123456')))).toBe('6581');
    // DF01 EF05 is `PIN|KEY 01`: the PIN that answered 6581 opened nothing.
    expect(toHex(card.transmit(hex('00A4000002DF01')))).toMatch(/^61/);
    expect(toHex(card.transmit(hex('00B2012C00')))).toBe('6982');
    failing = false;
    expect(toHex(card.transmit(hex(WRONG_PIN)))).toBe('63C3');
  });

  test('exec under a file-size limit: 6581 for every wrong PIN, exit 1, and the disk still says 5 tries', () => {
    const state = join(dir, 'exec.json');
    expect(runCli(['exec', '--profile', 'ssc-2g-des', '--state', state], '00200000\n').stdout).toBe('63C5\n');
    const limited = runCli(
      ['exec', '--profile', 'ssc-2g-des', '--state', state],
      `${WRONG_PIN}\n${WRONG_PIN}\n`,
      {
        fileSizeBlocks: 1,
      },
    );
    expect(limited.stdout).toBe('6581\n6581\n');
    expect(limited.status).toBe(1);
    expect(limited.stderr).toMatch(/cannot save/);
    expect(runCli(['exec', '--profile', 'ssc-2g-des', '--state', state], '00200000\n').stdout).toBe('63C5\n');
  });

  test('serve under a file-size limit answers 6581 to a wrong PIN through vpcd', async () => {
    const state = join(dir, 'serve.json');
    expect(runCli(['exec', '--profile', 'ssc-2g-des', '--state', state], '00200000\n').stdout).toBe('63C5\n');
    const peers: VpcdPeer[] = [];
    let arrived: (() => void) | null = null;
    const server: Server = createServer((s) => {
      peers.push(new VpcdPeer(s));
      arrived?.();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const child = startCli(
      ['serve', '--profile', 'ssc-2g-des', '--port', String(port), '--state', state, '--stdin', 'off'],
      { fileSizeBlocks: 1 },
    );
    try {
      if (peers.length === 0) await new Promise<void>((r) => (arrived = r));
      const peer = peers[0]!;
      peer.send(new Uint8Array([0x01]));
      expect(toHex(await peer.exchange(hex(WRONG_PIN)))).toBe('6581');
      expect(toHex(await peer.exchange(hex('00200000')))).toBe('63C5');
    } finally {
      child.kill('SIGTERM');
      await exitCode(child);
      server.close();
    }
    expect(runCli(['exec', '--profile', 'ssc-2g-des', '--state', state], '00200000\n').stdout).toBe('63C5\n');
  }, 30_000);
});
