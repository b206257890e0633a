/**
 * 12-payment "Terminal interface": iDoDebit with psam-hospital, iDoDebit_HSM_Step1/Step2 with an
 * encryption machine holding the DPK master, and iReadDebitRecord, on both built-in profiles.
 * The TAC each answer carries is checked with the DTK master (IssuerHost).
 */
import { fromHex } from '@ssc-cos/apdu-codec';
import {
  type Algorithm,
  diversify,
  PURCHASE_TYPE,
  purchaseMac1,
  purchaseSessionKey,
} from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import {
  IssuerHost,
  iDoDebit,
  iDoDebit_HSM_Step1,
  iDoDebit_HSM_Step2,
  iReadDebitRecord,
  iVerifyPIN,
  testMasterKeys,
} from '../../src/index.js';
import { simReader } from '../sim-reader.js';

const CARD_INFO = '110100D1560000052611220000010000|A00000001|';
const MASTERS = testMasterKeys(['MP-DPK-DF04', 'MP-DTK-DF04']);
const CARD_FACTOR = fromHex('8660261122000001');
const HOSPITAL = fromHex('110100000001');

function tacOk(alg: Algorithm, tac: string, amount: number, terminalId: Uint8Array, sn: Uint8Array): boolean {
  const amountBytes = Uint8Array.of(
    amount >>> 24,
    (amount >>> 16) & 0xff,
    (amount >>> 8) & 0xff,
    amount & 0xff,
  );
  return new IssuerHost({ dtk: MASTERS['MP-DTK-DF04']! }).verifyPurchaseTac(
    alg,
    CARD_FACTOR,
    {
      amount: amountBytes,
      type: PURCHASE_TYPE,
      terminalId,
      terminalSn: sn,
      date: fromHex('20261201'),
      time: fromHex('093000'),
    },
    fromHex(tac),
  );
}

describe.each([
  ['ssc-2g-des', '3des'],
  ['ssc-3g-sm4', 'sm4'],
] as const)('%s iDoDebit (12-payment)', (profile, alg) => {
  test('12-payment done-when: iDoDebit pays 12.34 yuan with psam-hospital; the TAC verifies with the DTK master; iReadDebitRecord lists it', async () => {
    const reader = await simReader(profile, 'psam-hospital');
    expect((await iVerifyPIN(reader, 1, '123456')).code).toBe(0);
    const r = await iDoDebit(reader, 1, CARD_INFO, '12.34|20.00|20261201093000|');
    expect(r.code).toBe(0);
    const [tac, counter, balance, rest] = r.out.split('|');
    expect([counter, balance, rest]).toEqual(['0000', '87.66', '']);
    // psam-hospital's first purchase: terminal SN 00000001
    expect(tacOk(alg, tac!, 1234, HOSPITAL, fromHex('00000001'))).toBe(true);
    const log = await iReadDebitRecord(reader, 1);
    expect(log).toEqual({ code: 0, out: `0000|05|110100000001|20261201093000|12.34|87.66|${tac}|$` });
  });

  test("12-payment: iDoDebit before the PIN → the card's 6982; a bad pPayInfo → −14; no PSAM → −2201", async () => {
    const reader = await simReader(profile, 'psam-hospital');
    expect((await iDoDebit(reader, 1, CARD_INFO, '12.34|20.00|20261201093000|')).code).toBe(-0x6982);
    expect((await iDoDebit(reader, 1, CARD_INFO, '12.3|20.00|20261201093000|')).code).toBe(-14);
    expect((await iDoDebit(reader, 1, CARD_INFO, '12.34|20.00|')).code).toBe(-14);
    const noPsam = await simReader(profile, null);
    expect((await iDoDebit(noPsam, 1, CARD_INFO, '12.34|20.00|20261201093000|')).code).toBe(-2201);
  });

  test('12-payment: iDoDebit_HSM_Step1/Step2 with a machine holding the DPK master (terminal SN 0000 ‖ offline counter)', async () => {
    const reader = await simReader(profile, 'psam-hospital');
    await iVerifyPIN(reader, 1, '123456');
    const s1 = await iDoDebit_HSM_Step1(reader, 1, CARD_INFO, '1.00|1.00|20261201093000|');
    expect(s1.code).toBe(1);
    const [algorithm, address, random, counter, amount, type, terminalId, datetime] = s1.out.split('|');
    expect([algorithm, address, counter, amount, type, terminalId, datetime]).toEqual([
      alg,
      '22/01',
      '0000',
      '00000064',
      '05',
      '110100000001',
      '20261201093000',
    ]);
    // the encryption machine
    const sn = fromHex(`0000${counter}`);
    const dpk = diversify(alg, MASTERS['MP-DPK-DF04']!, CARD_FACTOR);
    const sk = purchaseSessionKey(alg, dpk, fromHex(random!), fromHex(counter!), sn);
    const mac1 = purchaseMac1(alg, sk, {
      amount: fromHex(amount!),
      terminalId: fromHex(terminalId!),
      terminalSn: sn,
      date: fromHex('20261201'),
      time: fromHex('093000'),
    });
    const s2 = await iDoDebit_HSM_Step2(
      reader,
      `0000${counter}|${datetime}|${Buffer.from(mac1).toString('hex')}|`,
    );
    expect(s2.code).toBe(0);
    const [tac, c, balance] = s2.out.split('|');
    expect([c, balance]).toEqual(['0000', '99.00']);
    expect(tacOk(alg, tac!, 100, HOSPITAL, sn)).toBe(true);
    expect((await iDoDebit_HSM_Step2(reader, `00000000|${datetime}|00000000|`)).code).toBe(-14); // no step 1 pending
  });

  test("12-payment: a wrong MAC1 in step 2 → the card's 9302, nothing debited", async () => {
    const reader = await simReader(profile, 'psam-hospital');
    await iVerifyPIN(reader, 1, '123456');
    await iDoDebit_HSM_Step1(reader, 1, CARD_INFO, '1.00|1.00|20261201093000|');
    expect((await iDoDebit_HSM_Step2(reader, '00000000|20261201093000|01020304|')).code).toBe(-0x9302);
    const log = await iReadDebitRecord(reader, 1);
    expect(log).toEqual({ code: 0, out: '' });
  });
});
