/**
 * pCardInfo (10-terminal-api.md): `卡识别码|卡号|` — the card identification code (32 hex
 * digits, SSSE EF05 tag 01) and the card number (EF05 tag 07). Functions that change or
 * read protected data check it against the card in the reader first, so an operator's
 * software never acts on a card other than the one it looked up.
 */
import { toHex } from '@ssc-cos/apdu-codec';
import { tlvValue } from '../basic-info.js';
import type { Terminal } from '../terminal.js';
import { RC, SdkError } from './return-codes.js';

export interface CardInfo {
  cardIdentification: string;
  cardNumber: string;
}

export function parseCardInfo(text: string): CardInfo {
  const m = /^([0-9A-Fa-f]{32})\|([\x21-\x7e]{1,9})\|$/.exec(text);
  if (m === null)
    throw new SdkError(
      RC.badParameter,
      `pCardInfo must be "<card identification code, 32 hex>|<card number>|", not "${text}"`,
    );
  return { cardIdentification: m[1]!.toUpperCase(), cardNumber: m[2]! };
}

export function formatCardInfo(info: CardInfo): string {
  return `${info.cardIdentification}|${info.cardNumber}|`;
}

const latin1 = new TextDecoder('latin1');

/** The card's own pCardInfo, from SSSE EF05 (read FREE). Leaves the SSSE selected. */
export async function cardInfoOf(t: Terminal): Promise<CardInfo> {
  await t.selectMf();
  const id = tlvValue(await t.readRecord(0x05, { tag: 0x01 }), 0x01);
  const number = tlvValue(await t.readRecord(0x05, { tag: 0x07 }), 0x07);
  return {
    cardIdentification: toHex(id),
    cardNumber: latin1.decode(number),
  };
}

/** −20 (and which part differs) when pCardInfo names another card. */
export async function checkCardInfo(t: Terminal, expected: CardInfo): Promise<void> {
  const actual = await cardInfoOf(t);
  if (actual.cardIdentification !== expected.cardIdentification)
    throw new SdkError(
      RC.cardInfoMismatch,
      `pCardInfo names card identification code ${expected.cardIdentification}, the card in the reader has ${actual.cardIdentification}`,
    );
  if (actual.cardNumber !== expected.cardNumber)
    throw new SdkError(
      RC.cardInfoMismatch,
      `pCardInfo names card number ${expected.cardNumber}, the card in the reader has ${actual.cardNumber}`,
    );
}
