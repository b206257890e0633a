/**
 * The 12-payment flows of a terminal, written against the Kit with the terminal library's
 * Passbook (so every APDU is in the trace): a hospital terminal's purchase of 12.34 yuan with
 * its PSAM, an online load of 50.00 yuan authorised by the issuer host, and a purchase torn by a
 * power cut after the DEBIT's second write, recovered (GET BALANCE + GET TRANSACTION PROVE:
 * not done) and run again. Each checks balance, TAC (DTK master) and EF08 while it runs; on the
 * seeded simulator they are the payment golden vectors.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import {
  IssuerHost,
  Passbook,
  PsamPurchaseAuthority,
  type PurchaseResult,
  TerminalError,
  TornTransactionError,
} from '@ssc-cos/terminal';
import { u16, u32 } from '../bytes.js';
import { channelTransport } from '../channel/channel-transport.js';
import { NotApplicable } from '../kit/case-errors.js';
import type { Kit } from '../kit/kit.js';
import type { KitFlow } from './kit-flow.js';

const DF04 = 0xdf04;
const CLAUSE = '12-payment';
/** 12.34 yuan, the hospital bill of issue 16. */
const PURCHASE = 1234;
const LOAD = 5000;
const WHEN = '20261201093000';
const LOAD_TERMINAL = Uint8Array.of(0x11, 0x01, 0x00, 0x00, 0x00, 0x01);
/** The DEBIT's internal writes are log, balance, counter + proof: cut after the second. */
const CUT_AFTER = 2;

function master(k: Kit, name: string): Uint8Array {
  const m = k.description.masters[name];
  if (m === undefined || !k.capabilities.masterKeys) throw new NotApplicable(`needs the ${name} master`);
  return m;
}

/** SSSE, PIN, DF04 (activated first when it was issued blocked); the passbook over `card`. */
async function openPassbook(k: Kit, card: Transport, activate = true): Promise<Passbook> {
  const df = k.df(DF04);
  if (!df.keys.some((key) => key.role === 'tac')) throw new NotApplicable('no DF04 passbook');
  if (activate && df.lifecycle === 'temporarily-blocked') await k.activate(df);
  await k.selectMf();
  await k.expect(k.verifyApdu(k.description.pin.digits), '9000', 'VERIFY');
  await k.selectDf(DF04);
  return new Passbook(card, k.description.cardFactor);
}

function hospitalPsam(k: Kit): PsamPurchaseAuthority {
  if (k.psam === null) throw new NotApplicable('needs a PSAM with the purchase key (psam-hospital)');
  return new PsamPurchaseAuthority(channelTransport(k.psam));
}

/** A purchase with the PSAM; a PSAM without the purchase key (9403, 12-payment §PSAM) makes the flow n/a. */
async function purchase(passbook: Passbook, psam: PsamPurchaseAuthority): Promise<PurchaseResult> {
  try {
    return await passbook.purchase(psam, PURCHASE, WHEN);
  } catch (e) {
    if (e instanceof TerminalError && e.device === 'psam' && e.sw === 0x9403)
      throw new NotApplicable('the PSAM holds no purchase key (INIT SAM FOR PURCHASE → 9403)');
    throw e;
  }
}

/** The purchase moved exactly its amount, its TAC verifies with the DTK master, EF08 record 1 is it. */
async function checkPurchase(k: Kit, passbook: Passbook, p: PurchaseResult, before: number): Promise<void> {
  k.check(p.balanceBefore === before, `INITIALIZE showed ${p.balanceBefore}, GET BALANCE ${before}`);
  k.check(
    (await passbook.balance()) === before - p.amount,
    'the balance did not go down by exactly the amount',
  );
  const host = new IssuerHost({ dtk: master(k, 'MP-DTK-DF04') });
  const fields = { ...p, amount: u32(p.amount), type: 0x05 };
  k.check(
    host.verifyPurchaseTac(p.algorithm, k.description.cardFactor, fields, p.tac),
    'the purchase TAC does not verify with the DTK master',
  );
  const [newest] = await passbook.records();
  k.check(
    newest !== undefined && newest.amount === p.amount && newest.balanceAfter === before - p.amount,
    'EF08 record 1 is not this purchase',
  );
}

export const PAYMENT_FLOWS: KitFlow[] = [
  {
    name: 'purchase',
    clause: `${CLAUSE} §Commands, §PSAM (a hospital terminal's purchase)`,
    title: 'a hospital terminal (PSAM) takes 12.34 yuan; the TAC verifies with the DTK master',
    irreversible: true,
    async run(k) {
      const psam = hospitalPsam(k);
      const passbook = await openPassbook(k, channelTransport(k.card));
      const before = await passbook.balance();
      await checkPurchase(k, passbook, await purchase(passbook, psam), before);
    },
  },
  {
    name: 'load',
    clause: `${CLAUSE} §Commands, §Cryptography (an online load)`,
    title: 'the issuer host (DLK master) loads 50.00 yuan; the TAC verifies with the DTK master',
    irreversible: true,
    async run(k) {
      const host = new IssuerHost({ dlk: master(k, 'MP-DLK-DF04'), dtk: master(k, 'MP-DTK-DF04') });
      const passbook = await openPassbook(k, channelTransport(k.card));
      const before = await passbook.balance();
      const l = await passbook.load(host, LOAD, LOAD_TERMINAL, WHEN);
      k.check(
        (await passbook.balance()) === before + LOAD,
        'the balance did not go up by exactly the amount',
      );
      k.check(
        host.verifyLoadTac(
          l.algorithm,
          k.description.cardFactor,
          u32(before + LOAD),
          u16(l.onlineCounter),
          {
            ...l,
            amount: u32(LOAD),
            type: 0x01,
          },
          l.tac,
        ),
        'the load TAC does not verify with the DTK master',
      );
    },
  },
  {
    name: 'torn-purchase-recovered',
    clause: `${CLAUSE} §Atomicity (防拔: power cut in DEBIT FOR PURCHASE, recovery)`,
    title:
      'power cut after the DEBIT’s second write: no answer, recovery finds it not done, the purchase runs again once',
    irreversible: true,
    async run(k) {
      const cut = k.target.cutPowerAfterWrites?.bind(k.target);
      if (cut === undefined) throw new NotApplicable(`${k.target.name} cannot cut power`);
      const psam = hospitalPsam(k);
      let armed = false;
      const plain = channelTransport(k.card);
      const tearing: Transport = {
        ...plain,
        async transmit(command) {
          if (!armed || command[1] !== 0x54) return plain.transmit(command);
          armed = false;
          return (await k.card.sendWithPowerCut(command, CUT_AFTER, cut)).raw;
        },
      };
      const passbook = await openPassbook(k, tearing);
      const before = await passbook.balance();
      armed = true;
      const torn = await purchase(passbook, psam).then(
        () => null,
        (e: unknown) => {
          if (e instanceof TornTransactionError) return e.torn;
          throw e;
        },
      );
      if (torn === null) return k.fail('the DEBIT with the power cut did not go unanswered');
      await k.card.reset();
      const again = await openPassbook(k, plain, false);
      const recovery = await again.recover(torn);
      k.check(
        recovery.outcome === 'not-done' && recovery.balance === before,
        `recovery: ${recovery.outcome} with balance ${recovery.balance}, expected not-done with ${before}`,
      );
      await checkPurchase(k, again, await purchase(again, psam), before);
      k.check((await again.records()).length === 1, 'EF08 holds more than the one purchase');
    },
  },
];
