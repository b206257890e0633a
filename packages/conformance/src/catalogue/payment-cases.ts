/**
 * 12-payment.md: the DF04 passbook as a terminal sees it — the PIN before payment, a wrong
 * MAC1 (9302, nothing changes), DEBIT without INITIALIZE (6901), an amount over the balance
 * (9401), a PSAM without the purchase key (9403) and the TAC of a purchase and a load checked
 * with the DTK master. The cryptograms are computed here from the description's masters (an
 * issuer host), never read from the card.
 */
import {
  diversify,
  equalBytes,
  LOAD_TYPE,
  loadMac2,
  loadSessionKey,
  loadTac,
  PURCHASE_TYPE,
  purchaseMac1,
  purchaseSessionKey,
  purchaseTac,
} from '@ssc-cos/apdu-codec/crypto';
import { concatBytes, hexWord, u32 } from '../bytes.js';
import type { DfDescription } from '../description/card-description.js';
import type { ConformanceCase } from '../kit/case.js';
import { NotApplicable } from '../kit/case-errors.js';
import type { Kit } from '../kit/kit.js';

const P = '12-payment';
const DF04 = 0xdf04;
const TERMINAL = Uint8Array.of(0x11, 0x01, 0x00, 0x00, 0x00, 0x01);
const DATE = Uint8Array.of(0x20, 0x26, 0x12, 0x01);
const TIME = Uint8Array.of(0x09, 0x30, 0x00);
const SN = Uint8Array.of(0, 0, 0, 1);
const GET_BALANCE = Uint8Array.of(0x80, 0x5c, 0x00, 0x01, 0x04);

const num = (b: Uint8Array): number => b.reduce((v, x) => v * 256 + x, 0);

function df04(k: Kit): DfDescription {
  const df = k.mf.dfs.find((d) => d.fid === DF04);
  if (df === undefined || !df.keys.some((key) => key.role === 'tac'))
    throw new NotApplicable('no DF04 passbook');
  return df;
}

/** SSSE, optionally the PIN, then DF04 (activated first when it was issued blocked). */
async function open(k: Kit, pin: boolean): Promise<DfDescription> {
  const df = df04(k);
  await k.activate(df);
  await k.selectMf();
  if (pin) await k.expect(k.verifyApdu(k.description.pin.digits), '9000', 'VERIFY');
  await k.selectDf(DF04);
  return df;
}

function cardKey(k: Kit, master: string): Uint8Array {
  const m = k.description.masters[master];
  if (m === undefined) throw new NotApplicable(`no ${master} master`);
  return diversify(k.description.algorithm, m, k.description.cardFactor);
}

const initPurchase = (amount: number): Uint8Array =>
  concatBytes(Uint8Array.of(0x80, 0x50, 0x01, 0x01, 0x0b, 0x01), u32(amount), TERMINAL, Uint8Array.of(0x0f));

async function balance(k: Kit): Promise<number> {
  return num(await k.ok(GET_BALANCE, 'GET BALANCE'));
}

/** A purchase with the DPK master as the terminal's encryption machine; returns what DEBIT answered. */
async function purchase(k: Kit, amount: number, mac1Override?: Uint8Array) {
  const alg = k.description.algorithm;
  const init = await k.ok(initPurchase(amount), 'INITIALIZE FOR PURCHASE');
  const sk = purchaseSessionKey(
    alg,
    cardKey(k, 'MP-DPK-DF04'),
    init.subarray(11, 15),
    init.subarray(4, 6),
    SN,
  );
  const fields = {
    amount: u32(amount),
    type: PURCHASE_TYPE,
    terminalId: TERMINAL,
    terminalSn: SN,
    date: DATE,
    time: TIME,
  };
  const mac1 = mac1Override ?? purchaseMac1(alg, sk, fields);
  const debit = concatBytes(
    Uint8Array.of(0x80, 0x54, 0x01, 0x00, 0x0f),
    SN,
    DATE,
    TIME,
    mac1,
    Uint8Array.of(0x08),
  );
  return { init, fields, debit };
}

export const paymentCases: ConformanceCase[] = [
  {
    id: `${P}/pin-before-payment`,
    clause: `${P} §The passbook (every passbook command needs the SSSE PIN)`,
    title: 'GET BALANCE and INITIALIZE FOR PURCHASE answer 6982 before the PIN, then work',
    tags: [],
    async run(k) {
      await open(k, false);
      await k.expect(GET_BALANCE, '6982', 'GET BALANCE without the PIN');
      await k.expect(initPurchase(1), '6982', 'INITIALIZE FOR PURCHASE without the PIN');
      await k.selectMf();
      await k.expect(k.verifyApdu(k.description.pin.digits), '9000', 'VERIFY');
      await k.selectDf(DF04);
      await balance(k);
    },
  },
  {
    id: `${P}/mac1-wrong`,
    clause: `${P} §Commands (wrong MAC1 → 9302 and nothing changes; DEBIT not after INITIALIZE → 6901)`,
    title: 'a DEBIT with a wrong MAC1 answers 9302, the balance stays, and the spent INITIALIZE gives 6901',
    tags: ['needs-master-keys'],
    async run(k) {
      await open(k, true);
      const before = await balance(k);
      const { debit } = await purchase(k, 1, new Uint8Array(4));
      await k.expect(debit, '9302', 'DEBIT with MAC1 00000000');
      await k.expect(debit, '6901', 'the same DEBIT again');
      k.check((await balance(k)) === before, 'the balance changed after a refused DEBIT');
    },
  },
  {
    id: `${P}/debit-without-initialize`,
    clause: `${P} §Commands (DEBIT or CREDIT not directly after its INITIALIZE → 6901)`,
    title: 'DEBIT and CREDIT without INITIALIZE, or with another command in between, answer 6901',
    tags: [],
    async run(k) {
      await open(k, true);
      await k.expect(
        concatBytes(Uint8Array.of(0x80, 0x54, 0x01, 0x00, 0x0f), new Uint8Array(15)),
        '6901',
        'DEBIT alone',
      );
      await k.expect(
        concatBytes(Uint8Array.of(0x80, 0x52, 0x00, 0x00, 0x0b), new Uint8Array(11)),
        '6901',
        'CREDIT alone',
      );
      await k.ok(initPurchase(1), 'INITIALIZE FOR PURCHASE');
      await balance(k);
      await k.expect(
        concatBytes(Uint8Array.of(0x80, 0x54, 0x01, 0x00, 0x0f), new Uint8Array(15)),
        '6901',
        'DEBIT after GET BALANCE',
      );
    },
  },
  {
    id: `${P}/amount-over-balance`,
    clause: `${P} §Commands (amount > balance → 9401)`,
    title: 'INITIALIZE FOR PURCHASE of more than the balance answers 9401',
    tags: [],
    async run(k) {
      await open(k, true);
      const b = await balance(k);
      if (b === 0xffffffff) throw new NotApplicable('the balance is the maximum');
      await k.expect(initPurchase(b + 1), '9401', 'INITIALIZE FOR PURCHASE of balance + 0.01');
    },
  },
  {
    id: `${P}/psam-without-key`,
    clause: `${P} §PSAM (no purchase key of that version → 9403)`,
    title:
      'the PSAM computes a MAC1 the card accepts, or answers 9403 when it holds no purchase key; a refused purchase costs nothing',
    // A completed purchase stays in the card's counters and EF08 log for good (PBOC counters never
    // go back): on a card that cannot be replaced it runs only with --irreversible.
    tags: ['needs-psam', 'destructive', 'irreversible'],
    async run(k) {
      const psam = k.psam;
      if (psam === null) throw new NotApplicable('no PSAM');
      await open(k, true);
      const before = await balance(k);
      const init = await k.ok(initPurchase(1), 'INITIALIZE FOR PURCHASE');
      await psam.exchange(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x06, 0xd1, 0x56, 0x00, 0x00, 0x05, 0x90));
      const data = concatBytes(
        init.subarray(11, 15),
        init.subarray(4, 6),
        u32(1),
        Uint8Array.of(PURCHASE_TYPE),
        DATE,
        TIME,
        init.subarray(9, 11),
        k.description.cardFactor,
      );
      const r = await psam.exchange(
        concatBytes(Uint8Array.of(0x80, 0x70, 0x00, 0x00, 0x1c), data, Uint8Array.of(0x08)),
      );
      if (r.sw === 0x9403) {
        k.check((await balance(k)) === before, 'the balance changed without a MAC1');
        return;
      }
      k.check(
        r.sw === 0x9000 && r.data.length === 8,
        `INIT SAM FOR PURCHASE: expected 9000 or 9403, got ${hexWord(r.sw)}`,
      );
      // The PSAM's terminal id is its EF16: this INITIALIZE used the suite's, so expect 9302 unless equal.
      const debit = concatBytes(
        Uint8Array.of(0x80, 0x54, 0x01, 0x00, 0x0f),
        r.data.subarray(0, 4),
        DATE,
        TIME,
        r.data.subarray(4, 8),
        Uint8Array.of(0x08),
      );
      await k.expect(debit, ['9000', '61??', '9302'], 'DEBIT with the PSAM MAC1');
    },
  },
  {
    id: `${P}/tac`,
    clause: `${P} §Cryptography (TAC of a purchase and of a load, with the DTK master)`,
    title:
      "a 0.01 purchase and a 0.01 load: the card's TACs verify with the DTK master, the balance moves by exactly the amounts",
    // A purchase and a load move the counters and fill the EF08 log for good: --irreversible only.
    tags: ['needs-master-keys', 'destructive', 'irreversible'],
    async run(k) {
      const alg = k.description.algorithm;
      await open(k, true);
      const dtk = cardKey(k, 'MP-DTK-DF04');
      const before = await balance(k);
      const { fields, debit } = await purchase(k, 1);
      const answer = await k.ok(debit, 'DEBIT FOR PURCHASE');
      k.check(
        equalBytes(answer.subarray(0, 4), purchaseTac(alg, dtk, fields)),
        'purchase TAC does not verify with the DTK master',
      );
      k.check((await balance(k)) === before - 1, 'the purchase did not debit exactly 0.01');
      const init = await k.ok(
        concatBytes(Uint8Array.of(0x80, 0x50, 0x00, 0x01, 0x0b, 0x01), u32(1), TERMINAL, Uint8Array.of(0x10)),
        'INITIALIZE FOR LOAD',
      );
      const sk = loadSessionKey(alg, cardKey(k, 'MP-DLK-DF04'), init.subarray(8, 12), init.subarray(4, 6));
      const load = { amount: u32(1), type: LOAD_TYPE, terminalId: TERMINAL, date: DATE, time: TIME };
      const credit = concatBytes(
        Uint8Array.of(0x80, 0x52, 0x00, 0x00, 0x0b),
        DATE,
        TIME,
        loadMac2(alg, sk, load),
        Uint8Array.of(0x04),
      );
      const tac = await k.ok(credit, 'CREDIT FOR LOAD');
      k.check(
        equalBytes(tac, loadTac(alg, dtk, u32(before), init.subarray(4, 6), load)),
        'load TAC does not verify with the DTK master',
      );
      k.check((await balance(k)) === before, 'the load did not credit exactly 0.01');
    },
  },
];
