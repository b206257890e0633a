/**
 * The terminal side of 12-payment for the card's tests: the passbook keys derived from the
 * 06-keys.md masters (never read from the card image), and the APDUs of a purchase and a load
 * computed here, as an issuer host holding the masters would.
 */
import {
  type Algorithm,
  LOAD_TYPE,
  loadMac1,
  loadMac2,
  loadSessionKey,
  loadTac,
  PURCHASE_TYPE,
  purchaseMac1,
  purchaseMac2,
  purchaseSessionKey,
  purchaseTac,
} from '@ssc-cos/apdu-codec/crypto';
import { Card } from '../../src/card.js';
import type { CardImage, DedicatedFile, TransportProtocol } from '../../src/image/types.js';
import { concat, dataOf, hex, sw, toHex } from '../helpers/bytes.js';
import { cardImage } from '../helpers/images.js';
import type { Generation } from '../helpers/spec-image.js';
import { provinceKey } from '../helpers/spec-image.js';

/** 06-keys.md passbook masters of DF04. */
export const PASSBOOK_MASTERS = {
  DLK: '8C1D2055DDF0B63C0818AAAEE4B1563D',
  DPK: '206C0B357690C1E81FD6199459895239',
  DTK: '15807110B1AFD5BB54738862CA95DEED',
} as const;

export const HOSPITAL_TERMINAL = hex('110100000001');
export const DATE = hex('20261201');
export const TIME = hex('120000');

export function algOf(gen: Generation): Algorithm {
  return gen === '2g' ? '3des' : 'sm4';
}

export interface CardKeys {
  dlk: Uint8Array;
  dpk: Uint8Array;
  dtk: Uint8Array;
}

export function cardKeys(alg: Algorithm): CardKeys {
  return {
    dlk: provinceKey(alg, PASSBOOK_MASTERS.DLK),
    dpk: provinceKey(alg, PASSBOOK_MASTERS.DPK),
    dtk: provinceKey(alg, PASSBOOK_MASTERS.DTK),
  };
}

/** The built-in card with DF04 already activated (issued blocked; activation is 03-security's). */
export function activeImage(gen: Generation, transport: TransportProtocol = 'T1'): CardImage {
  const image = cardImage(gen, transport);
  return {
    ...image,
    mf: {
      ...image.mf,
      children: image.mf.children.map((c) =>
        c.type === 'df' && c.fid === 0xdf04 ? ({ ...c, lifecycle: 'active' } as DedicatedFile) : c,
      ),
    },
  };
}

export const u32 = (n: number): Uint8Array =>
  Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
export const u16 = (n: number): Uint8Array => Uint8Array.of(n >> 8, n & 0xff);
export const num = (b: Uint8Array): number => Buffer.from(b).readUIntBE(0, b.length);

/** A card exchange that follows 61xx with GET RESPONSE. */
export class PayTerminal {
  constructor(
    readonly card: Card,
    readonly alg: Algorithm,
    readonly keys: CardKeys = cardKeys(alg),
  ) {}

  send(apdu: string | Uint8Array): { data: Uint8Array; sw: string } {
    let r = this.card.transmit(typeof apdu === 'string' ? hex(apdu) : apdu);
    if (r.length === 2 && r[0] === 0x61) r = this.card.transmit(hex(`00C00000${toHex(r.subarray(1))}`));
    return { data: dataOf(r).slice(), sw: toHex(r).slice(-4) };
  }

  raw(apdu: string | Uint8Array): Uint8Array {
    return this.card.transmit(typeof apdu === 'string' ? hex(apdu) : apdu);
  }

  /** SELECT the SSSE, VERIFY the PIN, SELECT DF04. */
  open(): void {
    expectSw(this.send('00A404000F7378312E73682EC9E7BBE1B1A3D5CF'), '9000');
    expectSw(this.send('0020000003123456'), '9000');
    expectSw(this.send('00A4000002DF04'), '9000');
  }

  balance(): number {
    const r = this.send('805C000104');
    expectSw(r, '9000');
    return num(r.data);
  }

  initPurchase(amount: number, terminalId = HOSPITAL_TERMINAL, keyIndex = 1) {
    return this.send(concat(hex('805001010B'), Uint8Array.of(keyIndex), u32(amount), terminalId, hex('0F')));
  }

  /** DEBIT with MAC1 computed from the card keys; `mac1` overrides it. */
  debit(
    init: Uint8Array,
    amount: number,
    terminalSn: Uint8Array,
    opts: { terminalId?: Uint8Array; mac1?: Uint8Array } = {},
  ) {
    return this.send(this.debitApdu(init, amount, terminalSn, opts));
  }

  debitApdu(
    init: Uint8Array,
    amount: number,
    terminalSn: Uint8Array,
    opts: { terminalId?: Uint8Array; mac1?: Uint8Array } = {},
  ): Uint8Array {
    const sk = this.sespk(init, terminalSn);
    const mac1 =
      opts.mac1 ??
      purchaseMac1(this.alg, sk, {
        amount: u32(amount),
        type: PURCHASE_TYPE,
        terminalId: opts.terminalId ?? HOSPITAL_TERMINAL,
        terminalSn,
        date: DATE,
        time: TIME,
      });
    return concat(hex('805401000F'), terminalSn, DATE, TIME, mac1, hex('08'));
  }

  sespk(init: Uint8Array, terminalSn: Uint8Array): Uint8Array {
    return purchaseSessionKey(
      this.alg,
      this.keys.dpk,
      init.subarray(11, 15),
      init.subarray(4, 6),
      terminalSn,
    );
  }

  expectedPurchase(init: Uint8Array, amount: number, terminalSn: Uint8Array, terminalId = HOSPITAL_TERMINAL) {
    const fields = {
      amount: u32(amount),
      type: PURCHASE_TYPE,
      terminalId,
      terminalSn,
      date: DATE,
      time: TIME,
    };
    return {
      tac: purchaseTac(this.alg, this.keys.dtk, fields),
      mac2: purchaseMac2(this.alg, this.sespk(init, terminalSn), fields),
    };
  }

  initLoad(amount: number, terminalId = HOSPITAL_TERMINAL, keyIndex = 1) {
    return this.send(concat(hex('805000010B'), Uint8Array.of(keyIndex), u32(amount), terminalId, hex('10')));
  }

  /** The issuer host: checks the card's MAC1, answers MAC2 (or `mac2`), then CREDIT. */
  credit(init: Uint8Array, amount: number, opts: { terminalId?: Uint8Array; mac2?: Uint8Array } = {}) {
    return this.send(this.creditApdu(init, amount, opts));
  }

  creditApdu(
    init: Uint8Array,
    amount: number,
    opts: { terminalId?: Uint8Array; mac2?: Uint8Array } = {},
  ): Uint8Array {
    const terminalId = opts.terminalId ?? HOSPITAL_TERMINAL;
    const sk = loadSessionKey(this.alg, this.keys.dlk, init.subarray(8, 12), init.subarray(4, 6));
    const fields = { amount: u32(amount), type: LOAD_TYPE, terminalId, date: DATE, time: TIME };
    const mac1 = loadMac1(this.alg, sk, init.subarray(0, 4), fields);
    if (toHex(mac1) !== toHex(init.subarray(12, 16)))
      throw new Error('card MAC1 of the load does not verify');
    const mac2 = opts.mac2 ?? loadMac2(this.alg, sk, fields);
    return concat(hex('805200000B'), DATE, TIME, mac2, hex('04'));
  }

  expectedLoadTac(
    balanceAfter: number,
    onlineCounter: number,
    amount: number,
    terminalId = HOSPITAL_TERMINAL,
  ) {
    return loadTac(this.alg, this.keys.dtk, u32(balanceAfter), u16(onlineCounter), {
      amount: u32(amount),
      type: LOAD_TYPE,
      terminalId,
      date: DATE,
      time: TIME,
    });
  }
}

export function expectSw(r: { sw: string }, want: string): void {
  if (r.sw !== want) throw new Error(`expected ${want}, got ${r.sw}`);
}

export function payCard(gen: Generation, transport: TransportProtocol = 'T1', seed = 1): PayTerminal {
  const card = new Card(activeImage(gen, transport), { seed });
  card.powerOn();
  return new PayTerminal(card, algOf(gen));
}

export { sw };
