/**
 * Issue 16 "done when": a hospital terminal (psam-hospital) pays 12.34 yuan from the test card
 * on each profile through `cos-sim exec` — the card and the PSAM each a `cos-sim exec` process,
 * the terminal library driving both over their stdin/stdout — and the TAC verifies with the DTK
 * master. Then exec's `cut-power-after 2` tears a purchase, the recovery finds it not done, and
 * it runs again once. (Through pcscd: test/pcsc/pcsc.test.ts.)
 */
import { PURCHASE_TYPE } from '@ssc-cos/apdu-codec/crypto';
import {
  IssuerHost,
  Passbook,
  PsamKeySource,
  PsamPurchaseAuthority,
  Terminal,
  TornTransactionError,
} from '@ssc-cos/terminal';
import { afterEach, describe, expect, test } from 'vitest';
import { u32 } from '../src/bytes.js';
import { describeProfile } from '../src/description/from-profile.js';
import { loadCardProfile } from '../src/targets/open-target.js';
import { ExecTransport } from './doubles/exec-transport.js';

const open: ExecTransport[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function execPair(profile: string) {
  const description = describeProfile(loadCardProfile(profile));
  const card = await ExecTransport.start(profile, 1);
  // The hospital PSAM under the card's algorithm (one built-in PSAM profile serves both).
  const psam = await ExecTransport.start(`psam-hospital@${description.algorithm}`);
  open.push(card, psam);
  const terminal = await Terminal.open(card, new PsamKeySource(psam));
  await terminal.activateZone(0xdf04);
  const passbook = await Passbook.open(terminal, card, '123456');
  const dtk = description.masters['MP-DTK-DF04']!;
  return { card, psam, terminal, passbook, host: new IssuerHost({ dtk }) };
}

describe('12-payment through cos-sim exec', () => {
  for (const profile of ['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des']) {
    test(`12-payment: psam-hospital takes 12.34 yuan from ${profile} through cos-sim exec; the TAC verifies with the DTK master`, async () => {
      const { passbook, psam, host, terminal } = await execPair(profile);
      const p = await passbook.purchase(new PsamPurchaseAuthority(psam), 1234, '20261201093000');
      expect([p.balanceBefore, p.balanceAfter, await passbook.balance()]).toEqual([10000, 8766, 8766]);
      const fields = { ...p, amount: u32(1234), type: PURCHASE_TYPE };
      expect(host.verifyPurchaseTac(p.algorithm, terminal.cardIdentity.cardFactor, fields, p.tac)).toBe(true);
      const flipped = Uint8Array.from(p.tac, (b, i) => (i === 0 ? b ^ 1 : b));
      expect(host.verifyPurchaseTac(p.algorithm, terminal.cardIdentity.cardFactor, fields, flipped)).toBe(
        false,
      );
      expect((await passbook.records())[0]).toMatchObject({ amount: 1234, balanceAfter: 8766, type: 5 });
    }, 180_000);
  }

  test('12-payment 防拔: exec "cut-power-after 2" before the DEBIT: no answer, recovery says not-done, charged once', async () => {
    const { card, psam, terminal } = await execPair('ssc-3g-sm4');
    const authority = new PsamPurchaseAuthority(psam);
    const passbook = await Passbook.open(terminal, card, '123456');
    const init = passbook.initializePurchase.bind(passbook);
    passbook.initializePurchase = async (amount, id) => {
      const r = await init(amount, id);
      card.script('cut-power-after 2'); // the next card command is the DEBIT
      return r;
    };
    const error = await passbook.purchase(authority, 1234, '20261201093000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TornTransactionError);
    const again = await Passbook.open(terminal, card, '123456');
    expect(await again.recover((error as TornTransactionError).torn)).toEqual({
      outcome: 'not-done',
      balance: 10000,
    });
    await again.purchase(authority, 1234, '20261201093100');
    expect([await again.balance(), (await again.records()).length]).toEqual([8766, 1]);
  }, 180_000);
});
