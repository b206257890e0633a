/**
 * What the passbook's MACs and TACs are computed over (12-payment "Cryptography"), so the
 * card, the PSAM, the issuer's host and the terminal all build the same bytes. Every field is
 * the wire bytes as they appear in the APDUs: amount and balances b 4 (fen, big-endian),
 * counters b 2, terminal id 6, terminal SN 4, date 4 (YYYYMMDD BCD), time 3 (hhmmss BCD).
 */
import type { Algorithm } from './algorithm.js';
import { pbocMac } from './pboc-mac.js';
import { transactionTac } from './pboc-tac.js';

/** Transaction type `05`: passbook (ED) purchase. */
export const PURCHASE_TYPE = 0x05;
/** Transaction type `01`: passbook (ED) load. */
export const LOAD_TYPE = 0x01;

/** The algorithm byte of INITIALIZE's answer: `00` 3DES, `04` SM4 [decision of 12-payment]. */
export function algorithmByte(alg: Algorithm): number {
  return alg === 'sm4' ? 0x04 : 0x00;
}

/** The algorithm of an algorithm byte, or undefined for a byte the passbook does not use. */
export function algorithmOfByte(byte: number): Algorithm | undefined {
  if (byte === 0x00) return '3des';
  if (byte === 0x04) return 'sm4';
  return undefined;
}

/** A purchase as its MACs see it. `type` defaults to PURCHASE_TYPE. */
export interface PurchaseFields {
  readonly amount: Uint8Array;
  readonly type?: number;
  readonly terminalId: Uint8Array;
  readonly terminalSn: Uint8Array;
  readonly date: Uint8Array;
  readonly time: Uint8Array;
}

/** A load as its MACs see it. `type` defaults to LOAD_TYPE. */
export interface LoadFields {
  readonly amount: Uint8Array;
  readonly type?: number;
  readonly terminalId: Uint8Array;
  readonly date: Uint8Array;
  readonly time: Uint8Array;
}

/** MAC1 input of a purchase: amount ‖ type ‖ terminal id ‖ date ‖ time. */
export function purchaseMac1Input(f: PurchaseFields): Uint8Array {
  return join(amountField(f), typeField(f, PURCHASE_TYPE), terminalIdField(f), dateField(f), timeField(f));
}

/** MAC2 input of a purchase: the amount. */
export function purchaseMac2Input(f: Pick<PurchaseFields, 'amount'>): Uint8Array {
  return join(amountField(f));
}

/** TAC input of a purchase: amount ‖ type ‖ terminal id ‖ terminal SN ‖ date ‖ time. */
export function purchaseTacInput(f: PurchaseFields): Uint8Array {
  return join(
    amountField(f),
    typeField(f, PURCHASE_TYPE),
    terminalIdField(f),
    ['terminal SN', f.terminalSn, 4],
    dateField(f),
    timeField(f),
  );
}

/** MAC1 input of a load (the card's proof to the host): balance before ‖ amount ‖ type ‖ terminal id. */
export function loadMac1Input(balanceBefore: Uint8Array, f: Omit<LoadFields, 'date' | 'time'>): Uint8Array {
  return join(
    ['balance before', balanceBefore, 4],
    amountField(f),
    typeField(f, LOAD_TYPE),
    terminalIdField(f),
  );
}

/** MAC2 input of a load (the host's authorisation): amount ‖ type ‖ terminal id ‖ date ‖ time. */
export function loadMac2Input(f: LoadFields): Uint8Array {
  return join(amountField(f), typeField(f, LOAD_TYPE), terminalIdField(f), dateField(f), timeField(f));
}

/**
 * TAC input of a load: balance after ‖ online counter before ‖ amount ‖ type ‖ terminal id ‖
 * date ‖ time.
 */
export function loadTacInput(balanceAfter: Uint8Array, onlineCounter: Uint8Array, f: LoadFields): Uint8Array {
  return join(
    ['balance after', balanceAfter, 4],
    ['online counter', onlineCounter, 2],
    amountField(f),
    typeField(f, LOAD_TYPE),
    terminalIdField(f),
    dateField(f),
    timeField(f),
  );
}

/** MAC1 of a purchase under SESPK. */
export function purchaseMac1(alg: Algorithm, sespk: Uint8Array, f: PurchaseFields): Uint8Array {
  return pbocMac(alg, sespk, purchaseMac1Input(f));
}

/** MAC2 of a purchase under SESPK. */
export function purchaseMac2(
  alg: Algorithm,
  sespk: Uint8Array,
  f: Pick<PurchaseFields, 'amount'>,
): Uint8Array {
  return pbocMac(alg, sespk, purchaseMac2Input(f));
}

/** TAC of a purchase under the card's DTK. */
export function purchaseTac(alg: Algorithm, dtk: Uint8Array, f: PurchaseFields): Uint8Array {
  return transactionTac(alg, dtk, purchaseTacInput(f));
}

/** MAC1 of a load under SESLK. */
export function loadMac1(
  alg: Algorithm,
  seslk: Uint8Array,
  balanceBefore: Uint8Array,
  f: Omit<LoadFields, 'date' | 'time'>,
): Uint8Array {
  return pbocMac(alg, seslk, loadMac1Input(balanceBefore, f));
}

/** MAC2 of a load under SESLK. */
export function loadMac2(alg: Algorithm, seslk: Uint8Array, f: LoadFields): Uint8Array {
  return pbocMac(alg, seslk, loadMac2Input(f));
}

/** TAC of a load under the card's DTK. */
export function loadTac(
  alg: Algorithm,
  dtk: Uint8Array,
  balanceAfter: Uint8Array,
  onlineCounter: Uint8Array,
  f: LoadFields,
): Uint8Array {
  return transactionTac(alg, dtk, loadTacInput(balanceAfter, onlineCounter, f));
}

/** One field of a MAC input: its name (for the error), its bytes, its fixed length. */
type Field = readonly [name: string, bytes: ArrayLike<number>, length: number];

const amountField = (f: { amount: Uint8Array }): Field => ['amount', f.amount, 4];
const typeField = (f: { type?: number }, fallback: number): Field => ['type', [f.type ?? fallback], 1];
const terminalIdField = (f: { terminalId: Uint8Array }): Field => ['terminal id', f.terminalId, 6];
const dateField = (f: { date: Uint8Array }): Field => ['date', f.date, 4];
const timeField = (f: { time: Uint8Array }): Field => ['time', f.time, 3];

/** Concatenates the fields; RangeError on a field of the wrong length. */
function join(...fields: readonly Field[]): Uint8Array {
  let total = 0;
  for (const [name, bytes, length] of fields) {
    if (bytes.length !== length) throw new RangeError(`${name} must be ${length} bytes, got ${bytes.length}`);
    total += length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const [, bytes, length] of fields) {
    out.set(bytes, at);
    at += length;
  }
  return out;
}
