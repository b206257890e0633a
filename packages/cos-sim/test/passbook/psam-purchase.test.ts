/**
 * 12-payment "PSAM": INIT SAM FOR PURCHASE (80 70, MAC1) and CREDIT SAM FOR PURCHASE (80 72,
 * MAC2 check) in psam-issuer and psam-hospital, driving the real card; the other PSAMs hold no
 * purchase key (9403). The terminal SN is the PSAM's persisted counter.
 */
import { describe, expect, test } from 'vitest';
import type { Card } from '../../src/card.js';
import { concat, hex, toHex } from '../helpers/bytes.js';
import { GENERATIONS } from '../helpers/images.js';
import { exchange, psam, SELECT_DF01, send } from '../psam/psam-fixture.js';
import { algOf, DATE, expectSw, payCard, TIME, u32 } from './passbook-fixture.js';

const CARD_FACTOR = hex('8660261122000001');

/** 80 70 data: random ‖ counter ‖ amount ‖ type ‖ date ‖ time ‖ key version ‖ algorithm ‖ card factor. */
function mac1Apdu(init: Uint8Array, amount: number, algByte = init[10]!, version = init[9]!): Uint8Array {
  return concat(
    hex('807000001C'),
    init.subarray(11, 15),
    init.subarray(4, 6),
    u32(amount),
    hex('05'),
    DATE,
    TIME,
    Uint8Array.of(version, algByte),
    CARD_FACTOR,
    hex('08'),
  );
}

function terminalNumber(p: Card): Uint8Array {
  return p.image.terminalNumber!;
}

describe.each(GENERATIONS)('%s PSAM purchase (12-payment)', (gen) => {
  const alg = algOf(gen);

  for (const profile of ['psam-hospital', 'psam-issuer']) {
    test(`12-payment: ${profile} MAC1 is accepted by the card, the card's MAC2 by the PSAM; SN counts up and is kept`, () => {
      const p = psam(profile, alg);
      expect(exchange(p, SELECT_DF01).sw).toBe('9000');
      const t = payCard(gen);
      t.open();
      for (const n of [1, 2]) {
        const init = t.initPurchase(1234, terminalNumber(p)).data;
        const r = exchange(p, mac1Apdu(init, 1234));
        expect(r.sw).toBe('9000');
        expect(toHex(r.data.subarray(0, 4))).toBe(toHex(u32(n)));
        const debit = t.debit(init, 1234, r.data.subarray(0, 4), {
          terminalId: terminalNumber(p),
          mac1: r.data.subarray(4, 8),
        });
        expectSw(debit, '9000');
        expect(exchange(p, concat(hex('8072000004'), debit.data.subarray(4, 8))).sw).toBe('9000');
      }
      expect(p.image.psamTransactionCounter).toBe(2);
      expect(t.balance()).toBe(10000 - 2 * 1234);
    });
  }

  test('12-payment: under T=0 the MAC1 answer comes as 6108 + GET RESPONSE', () => {
    const p = psam('psam-hospital', alg, 'T0');
    exchange(p, SELECT_DF01);
    const t = payCard(gen);
    t.open();
    const init = t.initPurchase(1, terminalNumber(p)).data;
    expect(send(p, mac1Apdu(init, 1).subarray(0, 33)).sw).toBe('6108');
  });

  test('12-payment: a wrong MAC2 → 9302, 80 72 without a MAC1 since reset → 6901', () => {
    const p = psam('psam-hospital', alg);
    exchange(p, SELECT_DF01);
    expect(exchange(p, '807200000400000000').sw).toBe('6901');
    const t = payCard(gen);
    t.open();
    const init = t.initPurchase(1, terminalNumber(p)).data;
    expect(exchange(p, mac1Apdu(init, 1)).sw).toBe('9000');
    expect(exchange(p, '807200000400000000').sw).toBe('9302');
    p.reset();
    exchange(p, SELECT_DF01);
    expect(exchange(p, '807200000400000000').sw).toBe('6901');
  });

  for (const profile of ['psam-pension', 'psam-employment', 'psam-window']) {
    test(`12-payment: ${profile} holds no purchase key → 9403`, () => {
      const p = psam(profile, alg);
      exchange(p, SELECT_DF01);
      const t = payCard(gen);
      t.open();
      const init = t.initPurchase(1).data;
      expect(exchange(p, mac1Apdu(init, 1)).sw).toBe('9403');
    });
  }

  test('12-payment: another key version or the other algorithm → 9403; wrong Lc → 6700; P1/P2 → 6A86', () => {
    const p = psam('psam-hospital', alg);
    exchange(p, SELECT_DF01);
    const t = payCard(gen);
    t.open();
    const init = t.initPurchase(1).data;
    expect(exchange(p, mac1Apdu(init, 1, init[10]!, 2)).sw).toBe('9403');
    expect(exchange(p, mac1Apdu(init, 1, init[10] === 0 ? 4 : 0)).sw).toBe('9403');
    expect(exchange(p, '807000000100').sw).toBe('6700');
    expect(exchange(p, concat(hex('807001001C'), new Uint8Array(28))).sw).toBe('6A86');
    expect(p.image.psamTransactionCounter).toBeUndefined();
  });
});
