/**
 * Issue 12 done-when through `cos-sim exec` (the CLI, driven line by line as a terminal
 * integrator scripts it): the card's signature on a message verifies with the `openssl` CLI
 * under the public key read from the card, and the same message with one bit changed does not.
 * The same check through pcscd is in pcsc/pcsc.test.ts.
 */
import { PkiCard } from '@ssc-cos/terminal';
import { afterAll, describe, expect, test } from 'vitest';
import { ExecTransport } from './doubles/exec-transport.js';
import { opensslVerifies } from './openssl-sm2.js';

const transports: ExecTransport[] = [];
afterAll(async () => {
  for (const t of transports) await t.close();
});

describe.each(['ssc-3g-sm4', 'ssc-3g-des'])('cos-sim exec --profile %s', (profile) => {
  test('a card signature verifies with openssl pkeyutl (distid 1234567812345678) under the key read from the card; one bit changed does not', async () => {
    const transport = await ExecTransport.start(profile, 1);
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
