/**
 * The terminal side of the DF04 passbook (12-payment.md): balance, purchase (authorised by a
 * PSAM or an encryption machine), load (authorised by the issuer's host), the transaction
 * proof, the card's log, and recovery after a torn transaction. The caller has verified the
 * PIN and selected DF04 (`Passbook.open` does both with a Terminal).
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import { type Algorithm, algorithmOfByte, LOAD_TYPE, PURCHASE_TYPE } from '@ssc-cos/apdu-codec/crypto';
import { ApduLink, apdu } from '../apdu-link.js';
import type { Terminal } from '../terminal.js';
import { TerminalError } from '../terminal-error.js';
import { type DebitRecord, decodeDebitRecord } from './debit-record.js';
import type { IssuerHost } from './issuer-host.js';
import type { PurchaseAuthority } from './purchase-authority.js';
import { type TornTransaction, TornTransactionError } from './torn-transaction.js';

const DF04 = 0xdf04;
const SFI_LOG = 0x08;
const KEY_INDEX = 0x01;
const SW_OK = 0x9000;
const SW_RECORD_NOT_FOUND = 0x6a83;
const SW_NO_PROOF = 0x9406;

/** YYYYMMDDhhmmss as the 4-byte date and 3-byte time of the APDUs (BCD). */
export function bcdDateTime(datetime: string): { date: Uint8Array; time: Uint8Array } {
  if (!/^\d{14}$/.test(datetime)) throw new RangeError(`expected YYYYMMDDhhmmss, got "${datetime}"`);
  const b = Uint8Array.from({ length: 7 }, (_, i) => Number.parseInt(datetime.slice(2 * i, 2 * i + 2), 16));
  return { date: b.slice(0, 4), time: b.slice(4, 7) };
}

const u32 = (n: number): Uint8Array => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
const u16 = (n: number): Uint8Array => Uint8Array.of(n >> 8, n & 0xff);
const num = (b: Uint8Array): number => b.reduce((v, x) => v * 256 + x, 0);

export interface PurchaseResult {
  readonly algorithm: Algorithm;
  readonly amount: number;
  readonly balanceBefore: number;
  readonly balanceAfter: number;
  /** The offline counter before the purchase (as INITIALIZE returned it). */
  readonly offlineCounter: number;
  readonly terminalId: Uint8Array;
  readonly terminalSn: Uint8Array;
  readonly date: Uint8Array;
  readonly time: Uint8Array;
  readonly tac: Uint8Array;
  readonly mac2: Uint8Array;
}

export interface LoadResult {
  readonly algorithm: Algorithm;
  readonly amount: number;
  readonly balanceBefore: number;
  readonly balanceAfter: number;
  readonly onlineCounter: number;
  readonly terminalId: Uint8Array;
  readonly date: Uint8Array;
  readonly time: Uint8Array;
  readonly tac: Uint8Array;
}

/** What INITIALIZE FOR PURCHASE answered. */
export interface PurchaseInit {
  readonly balance: number;
  readonly offlineCounter: Uint8Array;
  readonly keyVersion: number;
  readonly algorithm: Algorithm;
  readonly random: Uint8Array;
}

export type Recovery =
  /** The card did it: its proof (verify the TAC before settling). */
  | {
      readonly outcome: 'completed';
      readonly balance: number;
      readonly mac2: Uint8Array;
      readonly tac: Uint8Array;
    }
  /** The card did not: the passbook is as before; run the transaction again. */
  | { readonly outcome: 'not-done'; readonly balance: number };

export class Passbook {
  private readonly card: ApduLink;

  constructor(
    card: Transport,
    /** Last 8 ATR bytes: the diversification factor of the card's passbook keys. */
    readonly cardFactor: Uint8Array,
  ) {
    this.card = new ApduLink(card, 'card');
  }

  /** VERIFY the PIN and SELECT DF04 through `terminal`, then a Passbook on the same card. */
  static async open(terminal: Terminal, card: Transport, pin: string): Promise<Passbook> {
    await terminal.selectMf();
    await terminal.verifyPin(pin);
    await terminal.selectDf(DF04);
    return new Passbook(card, terminal.cardIdentity.cardFactor);
  }

  async balance(): Promise<number> {
    return num(await this.card.expect(apdu(0x80, 0x5c, 0x00, 0x01, undefined, 0x04), 'GET BALANCE'));
  }

  async initializePurchase(amount: number, terminalId: Uint8Array): Promise<PurchaseInit> {
    const data = Uint8Array.of(KEY_INDEX, ...u32(amount), ...terminalId);
    const r = await this.card.expect(apdu(0x80, 0x50, 0x01, 0x01, data, 0x0f), 'INITIALIZE FOR PURCHASE');
    return {
      balance: num(r.subarray(0, 4)),
      offlineCounter: r.slice(4, 6),
      keyVersion: r[9]!,
      algorithm: this.algorithmOf(r[10]!, 'INITIALIZE FOR PURCHASE'),
      random: r.slice(11, 15),
    };
  }

  /**
   * INITIALIZE FOR PURCHASE → MAC1 from `authority` → DEBIT FOR PURCHASE → MAC2 checked by
   * `authority`. No answer to the DEBIT → TornTransactionError (recover, then decide).
   */
  async purchase(authority: PurchaseAuthority, amount: number, datetime: string): Promise<PurchaseResult> {
    const { date, time } = bcdDateTime(datetime);
    const terminalId = await authority.terminalId();
    const init = await this.initializePurchase(amount, terminalId);
    const { terminalSn, mac1 } = await authority.mac1({
      random: init.random,
      offlineCounter: init.offlineCounter,
      amount: u32(amount),
      type: PURCHASE_TYPE,
      date,
      time,
      keyVersion: init.keyVersion,
      algorithm: init.algorithm,
      cardFactor: this.cardFactor,
    });
    const { tac, mac2 } = await this.debit(init, amount, terminalSn, date, time, mac1);
    const counter = num(init.offlineCounter);
    if (!(await authority.checkMac2(mac2)))
      throw new TerminalError('psam', 'CREDIT SAM FOR PURCHASE', 0x9302, `the card's MAC2 does not verify`);
    return {
      algorithm: init.algorithm,
      amount,
      balanceBefore: init.balance,
      balanceAfter: init.balance - amount,
      offlineCounter: counter,
      terminalId,
      terminalSn,
      date,
      time,
      tac,
      mac2,
    };
  }

  /**
   * DEBIT FOR PURCHASE after `init` with a MAC1 computed elsewhere (a PSAM, or an encryption
   * machine between iDoDebit_HSM's two steps). No answer → TornTransactionError.
   */
  async debit(
    init: PurchaseInit,
    amount: number,
    terminalSn: Uint8Array,
    date: Uint8Array,
    time: Uint8Array,
    mac1: Uint8Array,
  ): Promise<{ tac: Uint8Array; mac2: Uint8Array }> {
    const debit = apdu(0x80, 0x54, 0x01, 0x00, Uint8Array.of(...terminalSn, ...date, ...time, ...mac1), 0x08);
    const answer = await this.transaction(debit, 'DEBIT FOR PURCHASE', {
      kind: 'purchase',
      counter: num(init.offlineCounter),
      amount,
      balanceBefore: init.balance,
    });
    return { tac: answer.slice(0, 4), mac2: answer.slice(4, 8) };
  }

  /** INITIALIZE FOR LOAD → the issuer host checks MAC1 and answers MAC2 → CREDIT FOR LOAD. */
  async load(
    host: IssuerHost,
    amount: number,
    terminalId: Uint8Array,
    datetime: string,
  ): Promise<LoadResult> {
    const { date, time } = bcdDateTime(datetime);
    const data = Uint8Array.of(KEY_INDEX, ...u32(amount), ...terminalId);
    const r = await this.card.expect(apdu(0x80, 0x50, 0x00, 0x01, data, 0x10), 'INITIALIZE FOR LOAD');
    const algorithm = this.algorithmOf(r[7]!, 'INITIALIZE FOR LOAD');
    const balanceBefore = num(r.subarray(0, 4));
    const onlineCounter = r.slice(4, 6);
    const mac2 = host.authoriseLoad({
      algorithm,
      cardFactor: this.cardFactor,
      balanceBefore: r.slice(0, 4),
      onlineCounter,
      random: r.slice(8, 12),
      cardMac1: r.slice(12, 16),
      amount: u32(amount),
      type: LOAD_TYPE,
      terminalId,
      date,
      time,
    });
    if (mac2 === null)
      throw new TerminalError(
        'card',
        'INITIALIZE FOR LOAD',
        SW_OK,
        'the card MAC1 does not verify at the issuer host',
      );
    const counter = num(onlineCounter);
    const answer = await this.transaction(
      apdu(0x80, 0x52, 0x00, 0x00, Uint8Array.of(...date, ...time, ...mac2), 0x04),
      'CREDIT FOR LOAD',
      { kind: 'load', counter, amount, balanceBefore },
    );
    return {
      algorithm,
      amount,
      balanceBefore,
      balanceAfter: balanceBefore + amount,
      onlineCounter: counter,
      terminalId,
      date,
      time,
      tac: answer.slice(0, 4),
    };
  }

  /** GET TRANSACTION PROVE of the transaction that INITIALIZE gave `counter` to; null when the card has no such one (9406). */
  async prove(
    kind: 'purchase' | 'load',
    counter: number,
  ): Promise<{ mac2: Uint8Array; tac: Uint8Array } | null> {
    const p2 = kind === 'purchase' ? PURCHASE_TYPE : LOAD_TYPE;
    const r = await this.card.send(apdu(0x80, 0x5a, 0x00, p2, u16(counter + 1), 0x08));
    if (r.sw === SW_NO_PROOF) return null;
    if (r.sw !== SW_OK || r.data.length !== 8) throw new TerminalError('card', 'GET TRANSACTION PROVE', r.sw);
    return { mac2: r.data.slice(0, 4), tac: r.data.slice(4, 8) };
  }

  /**
   * After a torn transaction (in a new card session: PIN verified, DF04 selected): did the card
   * do it? GET TRANSACTION PROVE answers its proof if it did; GET BALANCE must then show the
   * amount gone (or added), else the balance as before. Anything else is not this transaction.
   */
  async recover(torn: TornTransaction): Promise<Recovery> {
    const balance = await this.balance();
    const proof = await this.prove(torn.kind, torn.counter);
    const after =
      torn.kind === 'purchase' ? torn.balanceBefore - torn.amount : torn.balanceBefore + torn.amount;
    if (proof !== null && balance === after) return { outcome: 'completed', balance, ...proof };
    if (proof === null && balance === torn.balanceBefore) return { outcome: 'not-done', balance };
    throw new TerminalError(
      'card',
      'recovery',
      SW_OK,
      `balance ${balance} with${proof === null ? 'out' : ''} a proof does not match the torn ${torn.kind} (before ${torn.balanceBefore}, amount ${torn.amount})`,
    );
  }

  /** DF04 EF08, newest first (READ RECORD by SFI 08 until 6A83). */
  async records(): Promise<DebitRecord[]> {
    const out: DebitRecord[] = [];
    for (let n = 1; n <= 255; n++) {
      const r = await this.card.send(apdu(0x00, 0xb2, n, (SFI_LOG << 3) | 0x04, undefined, 0x00));
      if (r.sw === SW_RECORD_NOT_FOUND) break;
      if (r.sw !== SW_OK) throw new TerminalError('card', `READ RECORD ${n} of EF08`, r.sw);
      out.push(decodeDebitRecord(r.data));
    }
    return out;
  }

  private algorithmOf(byte: number, step: string): Algorithm {
    const alg = algorithmOfByte(byte);
    if (alg === undefined) throw new TerminalError('card', step, SW_OK, `unknown algorithm byte ${byte}`);
    return alg;
  }

  /** The DEBIT/CREDIT itself: no answer (an exchange that fails) is a torn transaction. */
  private async transaction(command: Uint8Array, step: string, torn: TornTransaction): Promise<Uint8Array> {
    let r: { data: Uint8Array; sw: number };
    try {
      r = await this.card.send(command);
    } catch (error) {
      throw new TornTransactionError(torn, error);
    }
    if (r.sw !== SW_OK) throw new TerminalError('card', step, r.sw);
    return r.data;
  }
}
