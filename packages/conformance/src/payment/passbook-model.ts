/**
 * The suite's model of the DF04 passbook (12-payment.md) and the commands of the balance
 * property: a load, a purchase, a torn load or purchase, and the terminal's recovery. The model
 * is money and counters only — what the card must show, written from the spec, not from
 * cos-sim: balance = initial + loads − purchases; each counter moves by one per completed
 * transaction of its kind; every transaction this run completed is in EF08 (newest first)
 * with a TAC that verifies with the DTK master.
 */
import {
  type Algorithm,
  LOAD_TYPE,
  type LoadFields,
  PURCHASE_TYPE,
  type PurchaseFields,
} from '@ssc-cos/apdu-codec/crypto';
import {
  type IssuerHost,
  type MasterPurchaseAuthority,
  type Passbook,
  TerminalError,
  type TornTransaction,
  TornTransactionError,
} from '@ssc-cos/terminal';
import { bcdDateTime } from '@ssc-cos/terminal/internal';
import type fc from 'fast-check';
import { hexWord, u16, u32 } from '../bytes.js';
import { CaseFailure } from '../kit/case-errors.js';
import type { Tear, TearingTransport } from './tearing-transport.js';

export const MAX_BALANCE = 0xffffffff;
const SW_INSUFFICIENT_BALANCE = 0x9401;
const SW_CONDITIONS_NOT_SATISFIED = 0x6985;

/** A transaction the card completed in this run, as EF08 must show it. */
export interface LoggedTransaction {
  readonly type: number;
  /** The counter before the transaction. */
  readonly counter: number;
  readonly amount: number;
  readonly balanceAfter: number;
  /** YYYYMMDDhhmmss */
  readonly datetime: string;
  /** Purchases: the terminal SN MAC1 and the TAC were computed with (not in the record). */
  readonly terminalSn: Uint8Array | null;
}

interface PendingTear {
  readonly torn: TornTransaction;
  /** Lost answer: the card did it. Power cut before its commit: it did not. */
  readonly completes: boolean;
  readonly datetime: string;
  readonly terminalSn: Uint8Array | null;
}

export interface PassbookModel {
  /** The target can cut power (else torn transactions are lost answers only). */
  readonly canCut: boolean;
  readonly initialBalance: number;
  balance: number;
  loaded: number;
  purchased: number;
  /** Counters now; null until the card showed them (a real card with balance 0: no purchase probe). */
  online: number | null;
  offline: number | null;
  completedLoads: number;
  completedPurchases: number;
  /** This run's completed transactions, oldest first. */
  readonly log: LoggedTransaction[];
  torn: PendingTear | null;
  /** Seconds since the run's start: every transaction gets its own date-time. */
  clock: number;
}

export interface PassbookReal {
  readonly algorithm: Algorithm;
  readonly cardFactor: Uint8Array;
  readonly terminalId: Uint8Array;
  readonly host: IssuerHost;
  /** The DPK master as the terminal's encryption machine; `lastSn` is the SN of its last MAC1. */
  readonly authority: MasterPurchaseAuthority;
  readonly lastSn: { value: Uint8Array | null };
  readonly tear: TearingTransport;
  /** The passbook of the current session (replaced by `reopen`). */
  passbook: Passbook;
  /** A new card session after a tear (reset, SSSE, PIN, DF04). */
  reopen(): Promise<void>;
  /** Commands run so far (all runs), for the report. */
  steps: number;
}

type Cmd = fc.AsyncCommand<PassbookModel, PassbookReal, false>;

function check(condition: boolean, message: string): void {
  if (!condition) throw new CaseFailure(message);
}

/** 2026-12-01 09:00:00 + the model's clock. */
function nextDatetime(m: PassbookModel): string {
  const t = m.clock++;
  const two = (n: number) => String(n).padStart(2, '0');
  return `20261201${two(9 + Math.floor(t / 3600))}${two(Math.floor(t / 60) % 60)}${two(t % 60)}`;
}

function checkCounter(m: PassbookModel, kind: 'online' | 'offline', seen: number, what: string): void {
  const expected = m[kind];
  check(
    expected === null || seen === expected,
    `${what}: the ${kind} counter is ${seen}, expected ${expected} (one per completed transaction)`,
  );
}

function purchaseFields(
  r: PassbookReal,
  amount: number,
  terminalSn: Uint8Array,
  datetime: string,
): PurchaseFields {
  return {
    amount: u32(amount),
    type: PURCHASE_TYPE,
    terminalId: r.terminalId,
    terminalSn,
    ...bcdDateTime(datetime),
  };
}

function loadFields(r: PassbookReal, amount: number, datetime: string): LoadFields {
  return { amount: u32(amount), type: LOAD_TYPE, terminalId: r.terminalId, ...bcdDateTime(datetime) };
}

/** The model after a completed purchase or load (the card's TAC already verified). */
function complete(m: PassbookModel, t: LoggedTransaction): void {
  if (t.type === PURCHASE_TYPE) {
    m.purchased += t.amount;
    m.completedPurchases++;
    m.offline = t.counter + 1;
  } else {
    m.loaded += t.amount;
    m.completedLoads++;
    m.online = t.counter + 1;
  }
  m.balance = t.balanceAfter;
  m.log.push(t);
}

/** GET BALANCE agrees with the model, and the model with initial + loads − purchases. */
export async function expectBalance(m: PassbookModel, r: PassbookReal, after: string): Promise<void> {
  check(
    m.balance === m.initialBalance + m.loaded - m.purchased,
    `model: ${m.balance} ≠ ${m.initialBalance} + ${m.loaded} − ${m.purchased}`,
  );
  const balance = await r.passbook.balance();
  check(
    balance === m.balance,
    `after ${after}: GET BALANCE ${balance}, expected ${m.balance} (money appeared or vanished)`,
  );
}

/** The attempt must fail with a refusal `sw` (not a torn transaction, not a success). */
async function expectRefusal(attempt: Promise<unknown>, sw: number, what: string): Promise<void> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof TerminalError && !(error instanceof TornTransactionError) && error.sw === sw) return;
  throw new CaseFailure(
    `${what}: expected ${hexWord(sw)}, got ${error instanceof Error ? error.message : 'success'}`,
  );
}

/** A load or purchase the terminal runs whole (no tear): then GET BALANCE must agree with the model. */
abstract class WholeTransaction implements Cmd {
  constructor(readonly amount: number) {}
  check(m: Readonly<PassbookModel>): boolean {
    return m.torn === null;
  }
  async run(m: PassbookModel, r: PassbookReal): Promise<void> {
    r.steps++;
    const what = this.toString();
    await this.transact(m, r, nextDatetime(m), what);
    await expectBalance(m, r, what);
  }
  protected abstract transact(
    m: PassbookModel,
    r: PassbookReal,
    datetime: string,
    what: string,
  ): Promise<void>;
}

class PurchaseCommand extends WholeTransaction {
  protected async transact(m: PassbookModel, r: PassbookReal, datetime: string, what: string): Promise<void> {
    if (this.amount > m.balance) {
      const attempt = r.passbook.purchase(r.authority, this.amount, datetime);
      await expectRefusal(attempt, SW_INSUFFICIENT_BALANCE, `${what} over the balance ${m.balance}`);
    } else {
      const p = await r.passbook.purchase(r.authority, this.amount, datetime);
      check(
        p.balanceBefore === m.balance,
        `${what}: INITIALIZE showed ${p.balanceBefore}, expected ${m.balance}`,
      );
      checkCounter(m, 'offline', p.offlineCounter, what);
      verifyPurchaseTac(r, this.amount, p.terminalSn, datetime, p.tac, what);
      complete(m, {
        type: PURCHASE_TYPE,
        counter: p.offlineCounter,
        amount: this.amount,
        balanceAfter: m.balance - this.amount,
        datetime,
        terminalSn: p.terminalSn,
      });
    }
  }
  override toString(): string {
    return `purchase ${this.amount}`;
  }
}

class LoadCommand extends WholeTransaction {
  protected async transact(m: PassbookModel, r: PassbookReal, datetime: string, what: string): Promise<void> {
    if (m.balance + this.amount > MAX_BALANCE) {
      const attempt = r.passbook.load(r.host, this.amount, r.terminalId, datetime);
      await expectRefusal(attempt, SW_CONDITIONS_NOT_SATISFIED, `${what} beyond FFFFFFFF`);
    } else {
      const l = await r.passbook.load(r.host, this.amount, r.terminalId, datetime);
      check(
        l.balanceBefore === m.balance,
        `${what}: INITIALIZE showed ${l.balanceBefore}, expected ${m.balance}`,
      );
      checkCounter(m, 'online', l.onlineCounter, what);
      verifyLoadTac(r, l.onlineCounter, this.amount, m.balance + this.amount, datetime, l.tac, what);
      complete(m, {
        type: LOAD_TYPE,
        counter: l.onlineCounter,
        amount: this.amount,
        balanceAfter: m.balance + this.amount,
        datetime,
        terminalSn: null,
      });
    }
  }
  override toString(): string {
    return `load ${this.amount}`;
  }
}

/** A purchase TAC: the record does not carry the terminal SN, the run gives it. */
export function verifyPurchaseTac(
  r: PassbookReal,
  amount: number,
  terminalSn: Uint8Array,
  datetime: string,
  tac: Uint8Array,
  what: string,
): void {
  check(
    r.host.verifyPurchaseTac(r.algorithm, r.cardFactor, purchaseFields(r, amount, terminalSn, datetime), tac),
    `${what}: the TAC does not verify with the DTK master`,
  );
}

export function verifyLoadTac(
  r: PassbookReal,
  counter: number,
  amount: number,
  balanceAfter: number,
  datetime: string,
  tac: Uint8Array,
  what: string,
): void {
  check(
    r.host.verifyLoadTac(
      r.algorithm,
      r.cardFactor,
      u32(balanceAfter),
      u16(counter),
      loadFields(r, amount, datetime),
      tac,
    ),
    `${what}: the TAC does not verify with the DTK master`,
  );
}

class TornCommand implements Cmd {
  constructor(
    readonly kind: 'purchase' | 'load',
    readonly amount: number,
    readonly tear: Tear,
  ) {}
  check(m: Readonly<PassbookModel>): boolean {
    if (m.torn !== null || (this.tear.kind === 'power-cut' && !m.canCut)) return false;
    return this.kind === 'purchase' ? this.amount <= m.balance : m.balance + this.amount <= MAX_BALANCE;
  }
  async run(m: PassbookModel, r: PassbookReal): Promise<void> {
    r.steps++;
    const datetime = nextDatetime(m);
    const what = this.toString();
    r.tear.arm(this.tear);
    r.lastSn.value = null;
    const attempt =
      this.kind === 'purchase'
        ? r.passbook.purchase(r.authority, this.amount, datetime)
        : r.passbook.load(r.host, this.amount, r.terminalId, datetime);
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof TornTransactionError)) {
      const untorn = r.tear.untorn;
      throw new CaseFailure(
        `${what}: expected no answer, got ${untorn ? Buffer.from(untorn).toString('hex').toUpperCase() : error instanceof Error ? error.message : 'a completed transaction'}`,
      );
    }
    const { torn } = error;
    check(
      torn.balanceBefore === m.balance,
      `${what}: INITIALIZE showed ${torn.balanceBefore}, expected ${m.balance}`,
    );
    checkCounter(m, this.kind === 'purchase' ? 'offline' : 'online', torn.counter, what);
    m.torn = {
      torn,
      completes: this.tear.kind === 'answer-lost',
      datetime,
      terminalSn: this.kind === 'purchase' ? r.lastSn.value : null,
    };
  }
  toString(): string {
    const how =
      this.tear.kind === 'power-cut' ? `power cut after write ${this.tear.afterWrites}` : 'answer lost';
    return `torn ${this.kind} ${this.amount} (${how})`;
  }
}

/** The recovery of a torn transaction: a new session, GET BALANCE + GET TRANSACTION PROVE. */
export async function recoverTorn(m: PassbookModel, r: PassbookReal): Promise<void> {
  const pending = m.torn;
  if (pending === null) return;
  const { torn } = pending;
  const what = `recovery of the torn ${torn.kind} ${torn.amount}`;
  await r.reopen();
  const recovery = await r.passbook.recover(torn).catch((e: unknown) => {
    throw new CaseFailure(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  });
  const expected = pending.completes ? 'completed' : 'not-done';
  check(
    recovery.outcome === expected,
    `${what}: the terminal's recovery says ${recovery.outcome}, expected ${expected}`,
  );
  m.torn = null;
  if (recovery.outcome === 'completed') {
    const purchase = torn.kind === 'purchase';
    const balanceAfter = purchase ? torn.balanceBefore - torn.amount : torn.balanceBefore + torn.amount;
    if (purchase) {
      check(pending.terminalSn !== null, `${what}: no terminal SN was recorded`);
      verifyPurchaseTac(
        r,
        torn.amount,
        pending.terminalSn!,
        pending.datetime,
        recovery.tac,
        `${what} (proven TAC)`,
      );
    } else verifyLoadTac(r, torn.counter, torn.amount, balanceAfter, pending.datetime, recovery.tac, what);
    complete(m, {
      type: purchase ? PURCHASE_TYPE : LOAD_TYPE,
      counter: torn.counter,
      amount: torn.amount,
      balanceAfter,
      datetime: pending.datetime,
      terminalSn: pending.terminalSn,
    });
  }
  await expectBalance(m, r, what);
}

class RecoverCommand implements Cmd {
  check(m: Readonly<PassbookModel>): boolean {
    return m.torn !== null;
  }
  async run(m: PassbookModel, r: PassbookReal): Promise<void> {
    r.steps++;
    await recoverTorn(m, r);
  }
  toString(): string {
    return 'recover';
  }
}

/** The property's alphabet (amounts in fen; power cuts after write 1–3 of the DEBIT/CREDIT). */
export function passbookCommandArbitraries(f: typeof fc, maxAmount: number): fc.Arbitrary<Cmd>[] {
  const amount = f.integer({ min: 1, max: maxAmount });
  const tear: fc.Arbitrary<Tear> = f.oneof(
    f.constant<Tear>({ kind: 'answer-lost' }),
    f.integer({ min: 1, max: 3 }).map((afterWrites): Tear => ({ kind: 'power-cut', afterWrites })),
  );
  return [
    amount.map((a) => new PurchaseCommand(a)),
    amount.map((a) => new LoadCommand(a)),
    f
      .tuple(f.constantFrom<'purchase' | 'load'>('purchase', 'load'), amount, tear)
      .map(([kind, a, t]) => new TornCommand(kind, a, t)),
    f.constant(new RecoverCommand()),
  ];
}
