/**
 * Known answers of the passbook cryptography (12-payment "Cryptography"): session keys,
 * MAC1, MAC2 and TAC of purchases and loads, the PBOC MAC's padding edges and the test card's
 * diversified DLK/DPK/DTK. The values are data (vectors/pboc.json), made by vectors/pboc.gen.py
 * on OpenSSL's command line, plus two published PBOC worked examples.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  type Algorithm,
  diversify,
  loadMac1,
  loadMac2,
  loadSessionKey,
  loadTac,
  pbocMac,
  purchaseMac1,
  purchaseMac2,
  purchaseSessionKey,
  purchaseTac,
  tacKey,
} from '../../src/crypto/index.js';
import { fromHex, toHex } from '../../src/hex.js';

interface Named {
  name: string;
  source: string;
  alg: Algorithm;
}
interface KeyVector extends Named {
  master: string;
  cardFactor: string;
  key: string;
}
interface Common extends Named {
  random: string;
  amount: string;
  type: string;
  terminalId: string;
  date: string;
  time: string;
  mac1: string;
  mac2: string;
  dtk?: string;
  tac?: string;
}
interface PurchaseVector extends Common {
  dpk: string;
  offlineCounter: string;
  terminalSn: string;
  sespk: string;
}
interface LoadVector extends Common {
  dlk: string;
  onlineCounter: string;
  balanceBefore: string;
  balanceAfter?: string;
  seslk: string;
}
interface MacVector extends Named {
  key: string;
  message: string;
  mac: string;
}
const vectors = JSON.parse(readFileSync(new URL('./vectors/pboc.json', import.meta.url), 'utf8')) as {
  keys: KeyVector[];
  purchase: PurchaseVector[];
  load: LoadVector[];
  mac: MacVector[];
};

const b = fromHex;

describe('PBOC KAT: card keys DLK/DPK/DTK (province family, card factor)', () => {
  for (const v of vectors.keys) {
    test(`${v.name} — ${v.source}`, () => {
      expect(toHex(diversify(v.alg, b(v.master), b(v.cardFactor)))).toBe(v.key);
    });
  }
});

describe('PBOC KAT: purchase (SESPK, MAC1, MAC2, TAC)', () => {
  for (const v of vectors.purchase) {
    test(`${v.name} — ${v.source}`, () => {
      const sk = purchaseSessionKey(v.alg, b(v.dpk), b(v.random), b(v.offlineCounter), b(v.terminalSn));
      expect(toHex(sk)).toBe(v.sespk);
      const fields = {
        amount: b(v.amount),
        type: Number.parseInt(v.type, 16),
        terminalId: b(v.terminalId),
        terminalSn: b(v.terminalSn),
        date: b(v.date),
        time: b(v.time),
      };
      expect(toHex(purchaseMac1(v.alg, sk, fields))).toBe(v.mac1);
      expect(toHex(purchaseMac2(v.alg, sk, fields))).toBe(v.mac2);
      if (v.dtk !== undefined) expect(toHex(purchaseTac(v.alg, b(v.dtk), fields))).toBe(v.tac);
    });
  }
});

describe('PBOC KAT: load (SESLK, MAC1, MAC2, TAC)', () => {
  for (const v of vectors.load) {
    test(`${v.name} — ${v.source}`, () => {
      const sk = loadSessionKey(v.alg, b(v.dlk), b(v.random), b(v.onlineCounter));
      expect(toHex(sk)).toBe(v.seslk);
      const fields = {
        amount: b(v.amount),
        type: Number.parseInt(v.type, 16),
        terminalId: b(v.terminalId),
        date: b(v.date),
        time: b(v.time),
      };
      expect(toHex(loadMac1(v.alg, sk, b(v.balanceBefore), fields))).toBe(v.mac1);
      expect(toHex(loadMac2(v.alg, sk, fields))).toBe(v.mac2);
      if (v.dtk !== undefined && v.balanceAfter !== undefined)
        expect(toHex(loadTac(v.alg, b(v.dtk), b(v.balanceAfter), b(v.onlineCounter), fields))).toBe(v.tac);
    });
  }
});

describe('PBOC KAT: the MAC itself (IV 0, 80-padding always)', () => {
  for (const v of vectors.mac) {
    test(`${v.name} — ${v.source}`, () => {
      expect(toHex(pbocMac(v.alg, b(v.key), b(v.message)))).toBe(v.mac);
    });
  }
});

describe('PBOC key and field checks', () => {
  test('3DES TAC key is DTK_L xor DTK_R (the published example: 8888888888888888); SM4 uses DTK whole', () => {
    const dtk = b('00112233445566778899AABBCCDDEEFF');
    expect(toHex(tacKey('3des', dtk))).toBe('8888888888888888');
    expect(toHex(tacKey('sm4', dtk))).toBe(toHex(dtk));
  });
  test('a MAC key of the wrong size and a field of the wrong length are refused', () => {
    expect(() => pbocMac('3des', new Uint8Array(16), new Uint8Array(4))).toThrow(RangeError);
    expect(() => pbocMac('sm4', new Uint8Array(8), new Uint8Array(4))).toThrow(RangeError);
    expect(() =>
      purchaseSessionKey('3des', new Uint8Array(16), new Uint8Array(3), b('0000'), b('00000001')),
    ).toThrow(/random must be 4 bytes/);
    expect(() => purchaseMac2('3des', new Uint8Array(8), { amount: new Uint8Array(3) })).toThrow(
      /amount must be 4 bytes/,
    );
  });
});
