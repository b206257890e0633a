/**
 * 12-payment: the DF04 passbook — GET BALANCE, purchase, load, GET TRANSACTION PROVE, EF08,
 * and every status word of the contract — on both built-in profiles, the cryptograms
 * checked against keys derived here from the 06-keys.md masters.
 */
import { describe, expect, test } from 'vitest';
import { Card } from '../../src/card.js';
import type { RecordFile } from '../../src/image/types.js';
import { serializeImage } from '../../src/state/serialize.js';
import { concat, hex, toHex } from '../helpers/bytes.js';
import { cardImage, GENERATIONS } from '../helpers/images.js';
import {
  algOf,
  DATE,
  expectSw,
  HOSPITAL_TERMINAL,
  num,
  PayTerminal,
  payCard,
  TIME,
  u32,
} from './passbook-fixture.js';

const SN = hex('00000001');

function log(t: PayTerminal): RecordFile {
  const df04 = t.card.image.mf.children.find((c) => c.fid === 0xdf04);
  if (df04?.type !== 'df') throw new Error('no DF04');
  return df04.children.find((c) => c.fid === 0xef08) as RecordFile;
}

describe.each(GENERATIONS)('%s passbook (12-payment)', (gen) => {
  test('12-payment: GET BALANCE needs the PIN (6982), then answers the issue balance 100.00 yuan', () => {
    const t = payCard(gen);
    expectSw(t.send('00A404000F7378312E73682EC9E7BBE1B1A3D5CF'), '9000');
    expectSw(t.send('00A4000002DF04'), '9000');
    expect(t.send('805C000104').sw).toBe('6982');
    expect(t.send('805001010B0100000001110100000001').sw).toBe('6982');
    expectSw(t.send('0020000003123456'), '9000');
    expect(t.balance()).toBe(10000);
  });

  test('12-payment: DF04 issued blocked answers 6A81 to passbook commands, as any command', () => {
    const card = new Card(cardImage(gen, 'T1'), { seed: 1 });
    card.powerOn();
    const t = new PayTerminal(card, algOf(gen));
    t.send('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
    t.send('0020000003123456');
    expect(t.send('00A4000002DF04').sw).toBe('6283');
    expect(t.send('805C000104').sw).toBe('6A81');
  });

  test('12-payment: a purchase of 12.34 yuan — INITIALIZE answer, MAC1 checked, TAC and MAC2 by the DTK/SESPK, balance, counter, EF08', () => {
    const t = payCard(gen);
    t.open();
    const init = t.initPurchase(1234);
    expectSw(init, '9000');
    expect(init.data.length).toBe(15);
    expect(toHex(init.data.subarray(0, 11))).toBe(`00002710000000000001${gen === '2g' ? '00' : '04'}`);
    const debit = t.debit(init.data, 1234, SN);
    expectSw(debit, '9000');
    const want = t.expectedPurchase(init.data, 1234, SN);
    expect(toHex(debit.data)).toBe(toHex(concat(want.tac, want.mac2)));
    expect(t.balance()).toBe(10000 - 1234);
    const next = t.initPurchase(1);
    expect(toHex(next.data.subarray(4, 6))).toBe('0001');
    // EF08 record 1: counter before ‖ 05 ‖ terminal id ‖ date-time ‖ amount ‖ balance after ‖ TAC.
    expect(log(t).records.map(toHex)).toEqual([
      toHex(concat(hex('0000 05'), HOSPITAL_TERMINAL, DATE, TIME, u32(1234), u32(8766), want.tac)),
    ]);
    // 12-payment: the card writes EF08; a terminal may read it with the PIN, never write it.
    const read = t.send('00B2014400');
    expectSw(read, '9000');
    expect(read.data.length).toBe(28);
    expect(t.send(concat(hex('00E200401C'), new Uint8Array(28))).sw).toBe('6982');
    // UPDATE RECORD never works on a cyclic file (02-commands: 6981, before the access rule).
    expect(t.send(concat(hex('00DC01441C'), new Uint8Array(28))).sw).toBe('6981');
  });

  test('12-payment: GET TRANSACTION PROVE answers MAC2 ‖ TAC for counter+1 of the last transaction, 9406 otherwise', () => {
    const t = payCard(gen);
    t.open();
    expect(t.send('805A000502000108').sw).toBe('9406'); // nothing yet
    const init = t.initPurchase(500);
    const debit = t.debit(init.data, 500, SN);
    expectSw(debit, '9000');
    const prove = t.send('805A000502000108');
    expectSw(prove, '9000');
    expect(toHex(prove.data)).toBe(toHex(concat(debit.data.subarray(4, 8), debit.data.subarray(0, 4))));
    expect(t.send('805A000502000008').sw).toBe('9406');
    expect(t.send('805A000502000208').sw).toBe('9406');
    expect(t.send('805A000102000108').sw).toBe('9406'); // a load with that counter: none
    expect(t.send('805A000202000108').sw).toBe('6A86');
  });

  test('12-payment: a load of 50.00 yuan — card MAC1 for the host, host MAC2, TAC by the DTK, online counter', () => {
    const t = payCard(gen);
    t.open();
    const init = t.initLoad(5000);
    expectSw(init, '9000');
    expect(init.data.length).toBe(16);
    expect(toHex(init.data.subarray(0, 8))).toBe(`00002710000001${gen === '2g' ? '00' : '04'}`);
    const credit = t.credit(init.data, 5000);
    expectSw(credit, '9000');
    expect(toHex(credit.data)).toBe(toHex(t.expectedLoadTac(15000, 0, 5000)));
    expect(t.balance()).toBe(15000);
    const prove = t.send('805A000102000108');
    expectSw(prove, '9000');
    expect(toHex(prove.data.subarray(4))).toBe(toHex(credit.data));
    expect(toHex(log(t).records[0]!.subarray(0, 3))).toBe('000001');
    expect(num(t.initLoad(1).data.subarray(4, 6))).toBe(1);
  });

  test('12-payment: MAC1 wrong → 9302 and nothing changes; the INITIALIZE is spent (6901 after)', () => {
    const t = payCard(gen);
    t.open();
    const before = serializeImage(t.card.image);
    const init = t.initPurchase(1234);
    expect(t.debit(init.data, 1234, SN, { mac1: hex('00000000') }).sw).toBe('9302');
    expect(serializeImage(t.card.image)).toBe(before);
    expect(t.debit(init.data, 1234, SN).sw).toBe('6901');
    // the same with a MAC1 over another amount (a terminal that lies about the bill)
    const again = t.initPurchase(1234);
    const forged = new PayTerminal(t.card, t.alg);
    expect(forged.debit(again.data, 1, SN).sw).toBe('9302');
    expect(t.balance()).toBe(10000);
  });

  test('12-payment: load MAC2 wrong → 9302 and nothing changes', () => {
    const t = payCard(gen);
    t.open();
    const before = serializeImage(t.card.image);
    const init = t.initLoad(5000);
    expect(t.credit(init.data, 5000, { mac2: hex('01020304') }).sw).toBe('9302');
    expect(serializeImage(t.card.image)).toBe(before);
  });

  test('12-payment: DEBIT/CREDIT not directly after its INITIALIZE → 6901 (any command in between cancels it)', () => {
    const t = payCard(gen);
    t.open();
    expect(t.send(concat(hex('805401000F'), new Uint8Array(15))).sw).toBe('6901');
    expect(t.send(concat(hex('805200000B'), new Uint8Array(11))).sw).toBe('6901');
    const init = t.initPurchase(100);
    t.balance();
    expect(t.debit(init.data, 100, SN).sw).toBe('6901');
    const load = t.initLoad(100);
    expect(t.debit(load.data, 100, SN).sw).toBe('6901'); // a DEBIT after INITIALIZE FOR LOAD
    const purchase = t.initPurchase(100);
    expect(t.send(concat(hex('805200000B'), new Uint8Array(11))).sw).toBe('6901');
    expect(t.debit(purchase.data, 100, SN).sw).toBe('6901');
    expect(t.balance()).toBe(10000);
  });

  test('12-payment: under T=0 the GET RESPONSE of INITIALIZE does not cancel it', () => {
    const t = payCard(gen, 'T0');
    t.open();
    const first = t.raw('805001010B0100000064110100000001');
    expect(toHex(first)).toBe('610F');
    const init = t.raw('00C000000F');
    expect(init.length).toBe(17);
    const debit = t.debit(init.subarray(0, 15), 100, SN);
    expectSw(debit, '9000');
    expect(t.balance()).toBe(9900);
  });

  test('12-payment: amount over balance → 9401; beyond FFFFFFFF → 6985; unknown key index → 9403; EP (P2=02) → 6A86; lengths → 6700', () => {
    const t = payCard(gen);
    t.open();
    expect(t.initPurchase(10001).sw).toBe('9401');
    expect(t.initPurchase(10000).sw).toBe('9000');
    expect(t.initLoad(0xffffffff - 10000 + 1).sw).toBe('6985');
    expect(t.initLoad(0xffffffff - 10000).sw).toBe('9000');
    expect(t.initPurchase(1, HOSPITAL_TERMINAL, 2).sw).toBe('9403');
    expect(t.initLoad(1, HOSPITAL_TERMINAL, 0).sw).toBe('9403');
    expect(t.send('805001020B0100000001110100000001').sw).toBe('6A86');
    expect(t.send('805C000204').sw).toBe('6A86');
    expect(t.send('805001010A01000000011101000000').sw).toBe('6700');
    expect(t.send('805C00010102').sw).toBe('6700');
    expect(t.send('805C000102').sw).toBe('6C04');
    expect(t.send('805A00050100').sw).toBe('6700');
  });

  test('12-payment: outside a DF with a passbook the commands answer 6A82', () => {
    const t = payCard(gen);
    t.send('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
    t.send('0020000003123456');
    expect(t.send('805C000104').sw).toBe('6A82');
    expect(t.send('00A4000002DF01').sw).toBe('9000');
    expect(t.initPurchase(1).sw).toBe('6A82');
  });

  test('12-payment: the whole balance can be spent, and the log keeps the newest 30 records', () => {
    const t = payCard(gen);
    t.open();
    for (let i = 0; i < 32; i++) {
      const init = t.initPurchase(100);
      expectSw(t.debit(init.data, 100, SN), '9000');
    }
    expect(t.balance()).toBe(10000 - 3200);
    const records = log(t).records;
    expect(records.length).toBe(30);
    expect(toHex(records[0]!.subarray(0, 2))).toBe('001F');
    expect(toHex(records[29]!.subarray(0, 2))).toBe('0002');
    const spend = t.initPurchase(6800);
    expectSw(t.debit(spend.data, 6800, SN), '9000');
    expect(t.balance()).toBe(0);
    expect(t.initPurchase(1).sw).toBe('9401');
  });

  test('12-payment: balance, counters and the last proof survive a save and a restart', async () => {
    const { deserializeImage } = await import('../../src/state/serialize.js');
    const t = payCard(gen);
    t.open();
    const init = t.initPurchase(1234);
    const debit = t.debit(init.data, 1234, SN);
    const restored = new Card(deserializeImage(serializeImage(t.card.image)), { seed: 2 });
    restored.powerOn();
    const u = new PayTerminal(restored, t.alg);
    u.open();
    expect(u.balance()).toBe(8766);
    expect(toHex(u.send('805A000502000108').data.subarray(4))).toBe(toHex(debit.data.subarray(0, 4)));
  });
});
