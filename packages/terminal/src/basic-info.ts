/**
 * "Read basic info": the SSSE's EF05 (issuer data) and EF06 (cardholder) fields of 01-card.md,
 * decoded. Records are read by identifier (tag), so 2g cards (no 4E) and 3g cards read alike.
 */

import { hexByte, toHex } from '@ssc-cos/apdu-codec';
import { gbkText, latin1Text, paddedBcdDigits } from './item-text.js';

/** A field as read: the raw TLV value, for callers that want the bytes. */
export interface BasicInfo {
  /** EF05 tag 01: 16 bytes, region cn 3 ‖ D156000005 ‖ 8 bytes — as hex. */
  cardIdentification: string;
  /** Region digits (first three bytes of the identification code), e.g. "110100". */
  region: string;
  /** 02 an 1, e.g. "3". */
  cardType: string;
  /** 03 an 4: "2.00" or "3.00". */
  specVersion: string;
  /** 04 b 12, hex. */
  initialisingInstitution: string;
  /** 05 / 06 cn 4: YYYYMMDD. */
  issueDate: string;
  expiryDate: string;
  /** 07 an 9. */
  cardNumber: string;
  /** 06 tag 08 an 18. */
  socialSecurityNumber: string;
  /** 09 GBK, 00-padded, decoded. */
  name: string;
  /** 4E GBK, FF-padded (3g only); null when absent or empty. */
  nameExtension: string | null;
  /** 0A an 1: "1" male, "2" female (GB/T 2261.1). */
  sex: string;
  /** 0B b 1. */
  nationality: number;
  /** 0C cn 3, F-padded: digits only. */
  birthplace: string;
  /** 0D cn 4: YYYYMMDD. */
  birthDate: string;
}

/** EF05 and EF06 tags in the order the terminal reads them. */
export const EF05_TAGS = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07] as const;
export const EF06_TAGS = [0x08, 0x09, 0x4e, 0x0a, 0x0b, 0x0c, 0x0d] as const;
/** Tags a card may lack (2g has no name extension). */
export const OPTIONAL_TAGS: ReadonlySet<number> = new Set([0x4e]);

/** Value of the TLV record `tag len value`; throws when the record is not that tag. */
export function tlvValue(record: Uint8Array, tag: number): Uint8Array {
  if (record.length < 2 || record[0] !== tag || record[1]! + 2 !== record.length) {
    throw new Error(`record is not a TLV with tag ${hexByte(tag)}`);
  }
  return record.subarray(2);
}

/** Decodes the values read, by tag (absent optional tags missing from the map). */
export function decodeBasicInfo(values: ReadonlyMap<number, Uint8Array>): BasicInfo {
  const v = (tag: number): Uint8Array => {
    const value = values.get(tag);
    if (value === undefined) throw new Error(`basic data tag ${hexByte(tag)} missing`);
    return value;
  };
  const extension = values.get(0x4e);
  const extensionText = extension === undefined ? '' : gbkText(extension, 0xff);
  return {
    cardIdentification: toHex(v(0x01)),
    region: paddedBcdDigits(v(0x01).subarray(0, 3)),
    cardType: latin1Text(v(0x02)),
    specVersion: latin1Text(v(0x03)),
    initialisingInstitution: toHex(v(0x04)),
    issueDate: paddedBcdDigits(v(0x05)),
    expiryDate: paddedBcdDigits(v(0x06)),
    cardNumber: latin1Text(v(0x07)),
    socialSecurityNumber: latin1Text(v(0x08)),
    name: gbkText(v(0x09), 0x00),
    nameExtension: extensionText === '' ? null : extensionText,
    sex: latin1Text(v(0x0a)),
    nationality: v(0x0b)[0] ?? 0,
    birthplace: paddedBcdDigits(v(0x0c)),
    birthDate: paddedBcdDigits(v(0x0d)),
  };
}
