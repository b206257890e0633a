/**
 * Medical payment through the SDK (12-payment.md "Terminal interface"):
 * - `iDoDebit(iType, pCardInfo, pPayInfo)`: SELECT DF04 → INITIALIZE FOR PURCHASE → PSAM MAC1 →
 *   DEBIT → PSAM MAC2. The PIN is the cardholder's, verified before (iVerifyPIN: the reader
 *   keeps it, as a PIN pad does). pPayInfo = `amount|total|YYYYMMDDhhmmss|` in yuan with two
 *   decimals; only the amount is debited, the total is the bill [decision]. Answer
 *   `TAC|offline counter|balance after|`: TAC hex, the offline counter INITIALIZE returned as 4 hex
 *   digits, the balance after in yuan [decision].
 * - `iDoDebit_HSM_Step1/Step2`: step 1 runs up to INITIALIZE and answers
 *   `algorithm|key address|random|offline counter|amount|type|terminal id|datetime|` (algorithm
 *   3des/sm4, key address = the purchase key's PSAM usage/id 22/01, amount in fen as 8 hex
 *   digits); the machine computes MAC1 with terminal SN `0000 ‖ offline counter`; step 2 takes
 *   `terminal SN|datetime|MAC1|` and answers as iDoDebit. The machine checks MAC2 itself.
 * - `iReadDebitRecord(iType)`: DF04 EF08 newest first, one `counter|type|terminal|datetime|
 *   amount|balance|TAC|` block each (counter and type hex, amounts in yuan), blocks ended by `$`.
 */
import { hexByte, hexWord, toHex } from '@ssc-cos/apdu-codec';
import { PURCHASE_TYPE } from '@ssc-cos/apdu-codec/crypto';
import { bcdDateTime, Passbook, type PurchaseInit } from '../payment/passbook.js';
import { PsamPurchaseAuthority } from '../payment/psam-purchase-authority.js';
import { answer, fields, type SdkAnswer } from './answer.js';
import { type CardInfo, checkCardInfo, parseCardInfo } from './card-info.js';
import { cardSlot, type IType, openCard, parseIType, type Reader } from './reader.js';
import { RC, SdkError } from './return-codes.js';
import type { SdkFunction, SdkOptions } from './sdk-function.js';

const DF04 = 0xdf04;

export interface PayInfo {
  /** Fen. */
  readonly amount: number;
  readonly total: number;
  readonly datetime: string;
}

function yuanToFen(text: string, what: string): number {
  if (!/^\d{1,8}\.\d{2}$/.test(text))
    throw new SdkError(RC.badParameter, `${what} must be yuan with 2 decimals, not "${text}"`);
  return Number(text.replace('.', ''));
}

export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export function parsePayInfo(text: string): PayInfo {
  const parts = text.split('|');
  if (parts.length !== 4 || parts[3] !== '')
    throw new SdkError(RC.badParameter, `pPayInfo must be "amount|total|YYYYMMDDhhmmss|", not "${text}"`);
  const amount = yuanToFen(parts[0]!, 'the amount');
  const total = yuanToFen(parts[1]!, 'the total');
  if (!/^\d{14}$/.test(parts[2]!))
    throw new SdkError(RC.badParameter, `the date-time must be YYYYMMDDhhmmss`);
  if (amount === 0 || amount > 0xffffffff)
    throw new SdkError(RC.badParameter, 'the amount must be above 0.00');
  return { amount, total, datetime: parts[2]! };
}

export interface DebitResult {
  readonly tac: Uint8Array;
  readonly offlineCounter: number;
  readonly balanceAfter: number;
}

export function formatDebit(r: DebitResult): string {
  return fields([toHex(r.tac), hexWord(r.offlineCounter), fenToYuan(r.balanceAfter)]);
}

async function passbookOf(
  reader: Reader,
  iType: IType,
  cardInfo: CardInfo,
  options: SdkOptions,
): Promise<Passbook> {
  const t = await openCard(reader, iType, options.keys);
  await checkCardInfo(t, cardInfo);
  await t.selectDf(DF04);
  return new Passbook(cardSlot(reader, iType), t.cardIdentity.cardFactor);
}

/** The typed iDoDebit: a purchase authorised by the reader's PSAM. */
export async function doDebit(
  reader: Reader,
  iType: IType,
  cardInfo: CardInfo,
  pay: PayInfo,
  options: SdkOptions = {},
): Promise<DebitResult> {
  if (reader.psam === null) throw new SdkError(RC.noPsam, 'no PSAM in the reader: a purchase needs its MAC1');
  const passbook = await passbookOf(reader, iType, cardInfo, options);
  const r = await passbook.purchase(new PsamPurchaseAuthority(reader.psam), pay.amount, pay.datetime);
  return { tac: r.tac, offlineCounter: r.offlineCounter, balanceAfter: r.balanceAfter };
}

export function iDoDebit(
  reader: Reader,
  iType: number | string,
  pCardInfo: string,
  pPayInfo: string,
  options: SdkOptions = {},
): Promise<SdkAnswer> {
  return answer(async () =>
    formatDebit(
      await doDebit(reader, parseIType(iType), parseCardInfo(pCardInfo), parsePayInfo(pPayInfo), options),
    ),
  );
}

// ---- the encryption-machine variant ------------------------------------------------------------

interface PendingDebit {
  readonly passbook: Passbook;
  readonly init: PurchaseInit;
  readonly pay: PayInfo;
}

const pendingDebits = new WeakMap<Reader, PendingDebit>();

/** Terminal id of the HSM variant: the PSAM's EF16 when the reader has one, else 000000000000 [decision]. */
async function hsmTerminalId(reader: Reader): Promise<Uint8Array> {
  if (reader.psam === null) return new Uint8Array(6);
  return new PsamPurchaseAuthority(reader.psam).terminalId();
}

export function iDoDebit_HSM_Step1(
  reader: Reader,
  iType: number | string,
  pCardInfo: string,
  pPayInfo: string,
  options: SdkOptions = {},
): Promise<SdkAnswer> {
  return answer(async () => {
    const it = parseIType(iType);
    const info = parseCardInfo(pCardInfo);
    const pay = parsePayInfo(pPayInfo);
    pendingDebits.delete(reader);
    const terminalId = await hsmTerminalId(reader);
    const passbook = await passbookOf(reader, it, info, options);
    const init = await passbook.initializePurchase(pay.amount, terminalId);
    pendingDebits.set(reader, { passbook, init, pay });
    return fields([
      init.algorithm,
      '22/01',
      toHex(init.random),
      toHex(init.offlineCounter),
      // the amount as its 4 bytes, big-endian (parsePayInfo keeps it within 32 bits)
      hexWord(pay.amount >>> 16) + hexWord(pay.amount & 0xffff),
      hexByte(PURCHASE_TYPE),
      toHex(terminalId),
      pay.datetime,
    ]);
  }, 1);
}

export function iDoDebit_HSM_Step2(reader: Reader, pResult: string): Promise<SdkAnswer> {
  return answer(async () => {
    const pending = pendingDebits.get(reader);
    if (pending === undefined)
      throw new SdkError(RC.badParameter, 'no iDoDebit_HSM_Step1 in progress on this reader');
    pendingDebits.delete(reader);
    const parts = pResult.split('|');
    const [sn, datetime, mac1] = parts;
    if (
      parts.length !== 4 ||
      parts[3] !== '' ||
      !/^[0-9A-Fa-f]{8}$/.test(sn!) ||
      !/^[0-9A-Fa-f]{8}$/.test(mac1!)
    )
      throw new SdkError(
        RC.badParameter,
        `pResult must be "terminal SN|datetime|MAC1|" (hex), not "${pResult}"`,
      );
    if (datetime !== pending.pay.datetime)
      throw new SdkError(
        RC.badParameter,
        `the date-time ${datetime} is not step 1's ${pending.pay.datetime}`,
      );
    const { date, time } = bcdDateTime(datetime);
    const hex = (t: string) => Uint8Array.from(Buffer.from(t, 'hex'));
    const { tac } = await pending.passbook.debit(
      pending.init,
      pending.pay.amount,
      hex(sn!),
      date,
      time,
      hex(mac1!),
    );
    const counter = (pending.init.offlineCounter[0]! << 8) | pending.init.offlineCounter[1]!;
    return formatDebit({
      tac,
      offlineCounter: counter,
      balanceAfter: pending.init.balance - pending.pay.amount,
    });
  });
}

// ---- the log -----------------------------------------------------------------------------------

export async function readDebitRecords(reader: Reader, iType: IType, options: SdkOptions = {}) {
  const t = await openCard(reader, iType, options.keys);
  // EF08 reads with the PIN or DF04's read key: open the zone when there is a key source.
  if (reader.psam !== null || options.keys !== undefined) await t.openZone(DF04);
  else await t.selectDf(DF04);
  return new Passbook(cardSlot(reader, iType), t.cardIdentity.cardFactor).records();
}

export function iReadDebitRecord(
  reader: Reader,
  iType: number | string,
  options: SdkOptions = {},
): Promise<SdkAnswer> {
  return answer(async () => {
    const records = await readDebitRecords(reader, parseIType(iType), options);
    return records
      .map(
        (r) =>
          `${fields([
            hexWord(r.counter),
            hexByte(r.type),
            toHex(r.terminalId),
            r.datetime,
            fenToYuan(r.amount),
            fenToYuan(r.balanceAfter),
            toHex(r.tac),
          ])}$`,
      )
      .join('');
  });
}

export const DEBIT_FUNCTIONS: readonly SdkFunction[] = [
  {
    name: 'iDoDebit',
    params: ['iType', 'pCardInfo', 'pPayInfo'],
    call: (reader, [iType, cardInfo, payInfo], options) =>
      iDoDebit(reader, iType!, cardInfo!, payInfo!, options),
  },
  {
    name: 'iDoDebit_HSM_Step1',
    params: ['iType', 'pCardInfo', 'pPayInfo'],
    call: (reader, [iType, cardInfo, payInfo], options) =>
      iDoDebit_HSM_Step1(reader, iType!, cardInfo!, payInfo!, options),
  },
  {
    name: 'iDoDebit_HSM_Step2',
    params: ['pResult'],
    call: (reader, [result]) => iDoDebit_HSM_Step2(reader, result!),
  },
  {
    name: 'iReadDebitRecord',
    params: ['iType'],
    call: (reader, [iType], options) => iReadDebitRecord(reader, iType!, options),
  },
];
