/**
 * iReadCardBas (10-terminal-api.md): the 11 basic fields, each ended by `|`. The card's part
 * is SSSE EF05/EF06 (read free); the terminal number is the PSAM's EF16, so the function needs
 * the PSAM (−2201 without one) as the SDKs do.
 */
import { parseAtr, toHex } from '@ssc-cos/apdu-codec';
import { answer, fields, type SdkAnswer } from './answer.js';
import { cardSlot, type IType, openCard, parseIType, psamKeys, type Reader } from './reader.js';
import type { SdkFunction } from './sdk-function.js';

export interface CardBasic {
  /** 发卡地区行政区划代码, 6 digits. */
  region: string;
  socialSecurityNumber: string;
  cardNumber: string;
  /** 卡识别码, 32 hex digits. */
  cardIdentification: string;
  /** 姓名, without padding. */
  name: string;
  /** 卡复位信息: the ATR's historical bytes, hex. */
  atrHistorical: string;
  specVersion: string;
  /** YYYYMMDD. */
  issueDate: string;
  expiryDate: string;
  /** 终端机编号: the PSAM's EF16, 12 digits. */
  terminalNumber: string;
  /** 终端设备号: the reader's serial. */
  readerSerial: string;
}

export async function readCardBasic(reader: Reader, iType: IType): Promise<CardBasic> {
  const t = await openCard(reader, iType);
  const info = await t.readBasicInfo();
  const atr = parseAtr(await cardSlot(reader, iType).atr());
  const terminalNumber = toHex(await psamKeys(reader).terminalNumber());
  return {
    region: info.region,
    socialSecurityNumber: info.socialSecurityNumber,
    cardNumber: info.cardNumber,
    cardIdentification: info.cardIdentification,
    name: info.name,
    atrHistorical: toHex(atr.historical),
    specVersion: info.specVersion,
    issueDate: info.issueDate,
    expiryDate: info.expiryDate,
    terminalNumber,
    readerSerial: reader.serial,
  };
}

/** The 11 fields in the documented order. */
export function formatCardBasic(b: CardBasic): string {
  return fields([
    b.region,
    b.socialSecurityNumber,
    b.cardNumber,
    b.cardIdentification,
    b.name,
    b.atrHistorical,
    b.specVersion,
    b.issueDate,
    b.expiryDate,
    b.terminalNumber,
    b.readerSerial,
  ]);
}

/** The SDK name: `iReadCardBas(iType)` → 11 fields. */
export function iReadCardBas(reader: Reader, iType: number | string): Promise<SdkAnswer> {
  return answer(async () => formatCardBasic(await readCardBasic(reader, parseIType(iType))));
}

export const READ_CARD_BASIC_FUNCTIONS: readonly SdkFunction[] = [
  { name: 'iReadCardBas', params: ['iType'], call: (reader, [iType]) => iReadCardBas(reader, iType!) },
];
