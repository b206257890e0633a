/**
 * 12-payment from the terminal: a hospital terminal (psam-hospital) pays 12.34 yuan, the issuer
 * host loads, an encryption machine authorises a purchase (iDoDebit_HSM's MAC1), every TAC is
 * verified with the DTK master, and a purchase torn at every write step (or whose answer is
 * lost) is recovered without charging twice — on both built-in profiles, under T=0 and T=1.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import { PURCHASE_TYPE } from '@ssc-cos/apdu-codec/crypto';
import { buildImage, Card, CardTransport, loadProfile, type TransportProtocol } from '@ssc-cos/cos-sim';
import { describe, expect, test } from 'vitest';
import {
  IssuerHost,
  MasterPurchaseAuthority,
  Passbook,
  PsamKeySource,
  PsamPurchaseAuthority,
  type PurchaseResult,
  Terminal,
  TornTransactionError,
  testMasterKeys,
} from '../src/index.js';
import { simPsam } from './in-process-target.js';

const PROFILES = ['ssc-2g-des', 'ssc-3g-sm4'] as const;
const MASTERS = testMasterKeys(['MP-DLK-DF04', 'MP-DPK-DF04', 'MP-DTK-DF04']);
const HOST = new IssuerHost({ dlk: MASTERS['MP-DLK-DF04'], dtk: MASTERS['MP-DTK-DF04'] });
const WHEN = '20261201093000';
/** The writes of a DEBIT on the simulated card (cos-sim passbook/stage-transaction.ts). */
const DEBIT_WRITES = 3;

interface Setup {
  card: Card;
  cardTransport: Transport;
  psam: Transport;
  algorithm: 'sm4' | '3des';
}

function setup(profile: string, transport: TransportProtocol): Setup {
  const cardImage = buildImage(loadProfile(profile));
  const card = new Card({ ...cardImage, options: { ...cardImage.options, transport } }, { seed: 7 });
  card.powerOn();
  return {
    card,
    cardTransport: new CardTransport(card),
    psam: simPsam('psam-hospital', cardImage.algorithm, transport),
    algorithm: cardImage.algorithm,
  };
}

/** The hospital terminal's session: SSSE, PIN, DF04 (activated once with the PSAM's DF04 line key). */
async function session(s: Setup, activate = false): Promise<{ terminal: Terminal; passbook: Passbook }> {
  const terminal = await Terminal.open(s.cardTransport, new PsamKeySource(s.psam));
  if (activate) await terminal.activateZone(0xdf04);
  const passbook = await Passbook.open(terminal, s.cardTransport, '123456');
  return { terminal, passbook };
}

function tacVerifies(s: Setup, cardFactor: Uint8Array, r: PurchaseResult): boolean {
  return HOST.verifyPurchaseTac(
    s.algorithm,
    cardFactor,
    {
      amount: Uint8Array.of(0, 0, r.amount >> 8, r.amount & 0xff),
      type: PURCHASE_TYPE,
      terminalId: r.terminalId,
      terminalSn: r.terminalSn,
      date: r.date,
      time: r.time,
    },
    r.tac,
  );
}

/** A transport that loses the next answer of a command starting with `header` (the card did run it). */
class LosingTransport implements Transport {
  armed = false;
  constructor(
    private readonly inner: Transport,
    private readonly header: number[],
  ) {}
  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const r = await this.inner.transmit(command);
    if (this.armed && this.header.every((b, i) => command[i] === b)) {
      this.armed = false;
      return new Uint8Array(0);
    }
    return r;
  }
  reset() {
    return this.inner.reset();
  }
  atr() {
    return this.inner.atr();
  }
  close() {
    return this.inner.close();
  }
}

describe.each(PROFILES)('%s payment from the terminal (12-payment)', (profile) => {
  for (const transport of ['T0', 'T1'] as const) {
    test(`12-payment done-when: psam-hospital pays 12.34 yuan (${transport}); the TAC verifies with the DTK master; EF08 shows it`, async () => {
      const s = setup(profile, transport);
      const { passbook } = await session(s, true);
      expect(await passbook.balance()).toBe(10000);
      const r = await passbook.purchase(new PsamPurchaseAuthority(s.psam), 1234, WHEN);
      expect(r.balanceAfter).toBe(8766);
      expect(await passbook.balance()).toBe(8766);
      expect(tacVerifies(s, passbook.cardFactor, r)).toBe(true);
      const forged = { ...r, amount: 1233 };
      expect(tacVerifies(s, passbook.cardFactor, forged)).toBe(false);
      const [record, ...rest] = await passbook.records();
      expect(rest).toEqual([]);
      expect(record).toMatchObject({ counter: 0, type: 5, datetime: WHEN, amount: 1234, balanceAfter: 8766 });
      expect(record!.tac).toEqual(r.tac);
      expect(await passbook.prove('purchase', 0)).toEqual({ mac2: r.mac2, tac: r.tac });
    });
  }

  test('12-payment: a load by the issuer host (DLK master), its TAC by the DTK master; then an HSM purchase', async () => {
    const s = setup(profile, 'T1');
    const { passbook } = await session(s, true);
    const terminalId = Uint8Array.of(0x11, 0x01, 0x00, 0x00, 0x00, 0x00);
    const load = await passbook.load(HOST, 5000, terminalId, WHEN);
    expect(load.balanceAfter).toBe(15000);
    expect(
      HOST.verifyLoadTac(
        s.algorithm,
        passbook.cardFactor,
        Uint8Array.of(0, 0, 0x3a, 0x98),
        Uint8Array.of(0, 0),
        { amount: Uint8Array.of(0, 0, 0x13, 0x88), terminalId, date: load.date, time: load.time },
        load.tac,
      ),
    ).toBe(true);
    const hsm = new MasterPurchaseAuthority(MASTERS['MP-DPK-DF04']!, Uint8Array.of(0x11, 0x01, 0, 0, 0, 9));
    const r = await passbook.purchase(hsm, 100, WHEN);
    expect(Array.from(r.terminalSn)).toEqual([0, 0, 0, 0]); // 0000 ‖ offline counter 0000
    expect(tacVerifies(s, passbook.cardFactor, r)).toBe(true);
    expect((await passbook.records()).map((x) => [x.type, x.amount])).toEqual([
      [5, 100],
      [1, 5000],
    ]);
  });

  test('12-payment: a PSAM without the purchase key refuses (psam 9403); the card is not charged', async () => {
    const s = setup(profile, 'T1');
    const { passbook } = await session(s, true);
    const pension = simPsam('psam-pension', s.algorithm);
    const err = await passbook
      .purchase(new PsamPurchaseAuthority(pension), 1234, WHEN)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ device: 'psam', sw: 0x9403 });
    expect(await passbook.balance()).toBe(10000);
  });

  for (let k = 1; k <= DEBIT_WRITES + 1; k++) {
    const lost = k > DEBIT_WRITES;
    test(`12-payment 防拔: purchase ${lost ? 'done but its answer lost' : `torn after write ${k}`} → recovery says ${lost ? 'completed' : 'not-done'}, charged exactly once`, async () => {
      const s = setup(profile, 'T0');
      const losing = new LosingTransport(s.cardTransport, [0x80, 0x54]);
      const s2 = { ...s, cardTransport: losing };
      const { passbook } = await session(s2, true);
      const psam = new PsamPurchaseAuthority(s.psam);
      if (lost) losing.armed = true;
      else {
        // the INITIALIZE goes first: arm the cut for the DEBIT only
        const original = passbook.initializePurchase.bind(passbook);
        passbook.initializePurchase = async (amount, id) => {
          const init = await original(amount, id);
          s.card.cutPowerAfterWrites(k);
          return init;
        };
      }
      const err = await passbook.purchase(psam, 1234, WHEN).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TornTransactionError);
      const torn = (err as TornTransactionError).torn;
      s.card.powerOn();
      const again = await session(s2);
      const recovery = await again.passbook.recover(torn);
      if (lost) {
        expect(recovery.outcome).toBe('completed');
        expect(recovery.balance).toBe(8766);
      } else {
        expect(recovery).toEqual({ outcome: 'not-done', balance: 10000 });
        await again.passbook.purchase(psam, 1234, WHEN);
      }
      expect(await again.passbook.balance()).toBe(8766);
      expect((await again.passbook.records()).length).toBe(1);
    });
  }
});
