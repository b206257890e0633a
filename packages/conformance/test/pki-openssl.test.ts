/**
 * Issue 12 done-when through `cos-sim exec` (the CLI, driven line by line as a terminal
 * integrator scripts it): the card's signature on a message verifies with the `openssl` CLI
 * under the public key read from the card, and the same message with one bit changed does not.
 * The same check through pcscd is in pcsc/pcsc.test.ts.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fromHex, type Transport, toHex } from '@ssc-cos/apdu-codec';
import { PkiCard } from '@ssc-cos/terminal';
import { afterAll, describe, expect, test } from 'vitest';
import { workspaceRoot } from '../src/pcsc/index.js';
import { opensslVerifies } from './openssl-sm2.js';

/** `cos-sim exec --profile P --seed 1` as a Transport: one hex line in, one hex line out. */
class ExecTransport implements Transport {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;

  constructor(profile: string) {
    const root = workspaceRoot();
    const cli = join(root, 'packages', 'cos-sim', 'src', 'cli.ts');
    this.child = spawn(
      process.execPath,
      ['--conditions=@ssc-cos/source', '--import', 'tsx', cli, 'exec', '--profile', profile, '--seed', '1'],
      { cwd: root },
    );
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  private async line(command: string): Promise<string> {
    this.child.stdin.write(`${command}\n`);
    const next = await this.lines.next();
    if (next.done) throw new Error('cos-sim exec ended');
    return next.value;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    return fromHex(await this.line(toHex(command)));
  }

  async reset(): Promise<Uint8Array> {
    return fromHex(await this.line('reset'));
  }

  async atr(): Promise<Uint8Array> {
    return this.reset();
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await new Promise((resolve) => this.child.once('exit', resolve));
  }
}

const transports: ExecTransport[] = [];
afterAll(async () => {
  for (const t of transports) await t.close();
});

describe.each(['ssc-3g-sm4', 'ssc-3g-des'])('cos-sim exec --profile %s', (profile) => {
  test('a card signature verifies with openssl pkeyutl (distid 1234567812345678) under the key read from the card; one bit changed does not', async () => {
    const transport = new ExecTransport(profile);
    transports.push(transport);
    const card = new PkiCard(transport);
    await card.select();
    await card.verifyPin('123456');
    await card.generateSigningKey();
    const publicKey = await card.readPublicKey();
    const message = new TextEncoder().encode('社会保障卡 PKI: signed by the card');
    const signature = await card.sign(message, publicKey);
    expect(opensslVerifies(publicKey, message, signature)).toBe(true);
    const changed = message.slice();
    changed[changed.length - 1] = changed[changed.length - 1]! ^ 0x01;
    expect(opensslVerifies(publicKey, changed, signature)).toBe(false);
  }, 60_000);
});
