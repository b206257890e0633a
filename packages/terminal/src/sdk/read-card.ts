/**
 * iReadCard (10-terminal-api.md): the items pFileAddr names, decoded, after checking pCardInfo
 * against the card. Items of a zone are read after EXTERNAL AUTHENTICATE with the zone's read
 * key through the PSAM; a PSAM without that key answers −2203.
 */
import { hexByte, toHex } from '@ssc-cos/apdu-codec';
import { tlvValue } from '../basic-info.js';
import type { Terminal } from '../terminal.js';
import { answer, type SdkAnswer } from './answer.js';
import { type CardInfo, checkCardInfo, parseCardInfo } from './card-info.js';
import { type Catalogue, findItem, STANDARD_CATALOGUE } from './catalogue.js';
import { FileAccess, fileSpecOf } from './file-access.js';
import { type FileAddress, formatBlocks, parseFileAddr } from './file-address.js';
import { decodeItem } from './item-values.js';
import { type IType, openCard, parseIType, type Reader } from './reader.js';
import { RC, SdkError } from './return-codes.js';
import type { SdkFunction, SdkOptions } from './sdk-function.js';

export interface ReadCardRequest {
  iType: IType;
  cardInfo: CardInfo;
  files: FileAddress[];
}

/** Values per file, in the order asked. */
export async function readCard(
  reader: Reader,
  req: ReadCardRequest,
  options: SdkOptions = {},
): Promise<string[][]> {
  const t = await openCard(reader, req.iType, options.keys);
  await checkCardInfo(t, req.cardInfo);
  return readFiles(t, req.files, options.catalogue ?? STANDARD_CATALOGUE);
}

export async function readFiles(
  t: Terminal,
  files: readonly FileAddress[],
  catalogue: Catalogue,
): Promise<string[][]> {
  const access = new FileAccess(t);
  const out: string[][] = [];
  for (const file of files) {
    const spec = fileSpecOf(catalogue, file);
    await access.enter(spec, 'read');
    if ('record' in file.target) {
      out.push([toHex(await t.readRecord(spec.sfi, { record: file.target.record }))]);
      continue;
    }
    const values: string[] = [];
    for (const item of file.target.items) {
      const record =
        item.record === null
          ? tlvValue(await t.readRecord(spec.sfi, { tag: item.tag }), item.tag)
          : itemOfRecord(await t.readRecord(spec.sfi, { record: item.record }), item.tag, file.name);
      values.push(decodeItem(findItem(spec, item.tag), record));
    }
    out.push(values);
  }
  return out;
}

/** An item inside a numbered record: the record is a sequence of TLVs. */
function itemOfRecord(record: Uint8Array, tag: number, file: string): Uint8Array {
  let at = 0;
  while (at + 2 <= record.length) {
    const len = record[at + 1]!;
    if (record[at] === tag) return record.subarray(at + 2, at + 2 + len);
    at += 2 + len;
  }
  throw new SdkError(-0x6a83, `${file}: no item ${hexByte(tag)} in that record`);
}

/** The SDK strings of a read, parsed (−14 when one is malformed). */
export function readCardRequest(
  iType: number | string,
  pCardInfo: string,
  pFileAddr: string,
): ReadCardRequest {
  return { iType: parseIType(iType), cardInfo: parseCardInfo(pCardInfo), files: parseFileAddr(pFileAddr) };
}

/** The SDK name: `iReadCard(iType, iAuthType, pCardInfo, pFileAddr)` → `v|v|$…`. */
export function iReadCard(
  reader: Reader,
  iType: number | string,
  iAuthType: number | string,
  pCardInfo: string,
  pFileAddr: string,
  options: SdkOptions = {},
): Promise<SdkAnswer> {
  return answer(async () => {
    checkAuthType(iAuthType);
    const req = {
      iType: parseIType(iType),
      cardInfo: parseCardInfo(pCardInfo),
      files: parseFileAddr(pFileAddr),
    };
    return formatBlocks(await readCard(reader, req, options));
  });
}

/**
 * iAuthType [decision, docs/terminal.md]: 1 = the reader's PSAM. The encryption machine (2)
 * has its own two-step functions (*_HSM_Step1/Step2), so here it is −13.
 */
export function checkAuthType(iAuthType: number | string): void {
  const n =
    typeof iAuthType === 'number' ? iAuthType : /^[0-9]+$/.test(iAuthType) ? Number(iAuthType) : Number.NaN;
  if (n === 1) return;
  if (n === 2)
    throw new SdkError(
      RC.unsupported,
      'iAuthType 2 (encryption machine): call the *_HSM_Step1/Step2 functions',
    );
  throw new SdkError(RC.badParameter, `iAuthType must be 1 (PSAM), not "${iAuthType}"`);
}

export const READ_CARD_FUNCTIONS: readonly SdkFunction[] = [
  {
    name: 'iReadCard',
    params: ['iType', 'iAuthType', 'pCardInfo', 'pFileAddr'],
    call: (reader, [iType, auth, info, addr], options) =>
      iReadCard(reader, iType!, auth!, info!, addr!, options),
  },
];
