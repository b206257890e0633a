/**
 * iWriteCard (10-terminal-api.md): writes the items pFileAddr names with the values of
 * pWriteData (same shape: `v|$`), each encoded and padded to the item's length as the card
 * stores it (UPDATE RECORD may not change a record's length). The file's update key — the
 * zone's key 02, the SSSE's key 04 — is authenticated through the PSAM first.
 */
import { fromHex, hexByte } from '@ssc-cos/apdu-codec';
import { answer, type SdkAnswer } from './answer.js';
import { type CardInfo, checkCardInfo, parseCardInfo } from './card-info.js';
import { findItem, STANDARD_CATALOGUE } from './catalogue.js';
import { FileAccess, fileSpecOf } from './file-access.js';
import { type FileAddress, parseBlocks, parseFileAddr } from './file-address.js';
import { encodeItem } from './item-values.js';
import { type IType, openCard, parseIType, type Reader } from './reader.js';
import { RC, SdkError } from './return-codes.js';
import type { SdkFunction, SdkOptions } from './sdk-function.js';

export interface WriteCardRequest {
  iType: IType;
  cardInfo: CardInfo;
  files: FileAddress[];
  /** Values per file, in the order of `files` (what iReadCard would answer). */
  values: string[][];
}

export async function writeCard(
  reader: Reader,
  req: WriteCardRequest,
  options: SdkOptions = {},
): Promise<void> {
  const catalogue = options.catalogue ?? STANDARD_CATALOGUE;
  const t = await openCard(reader, req.iType, options.keys);
  await checkCardInfo(t, req.cardInfo);
  const access = new FileAccess(t);
  for (const [i, file] of req.files.entries()) {
    const spec = fileSpecOf(catalogue, file);
    const values = req.values[i] ?? [];
    // Encode every value before the first write, so a bad one writes nothing of its file.
    const writes: { tag: number | null; record: number | null; bytes: Uint8Array }[] = [];
    if ('record' in file.target) {
      if (!/^([0-9A-Fa-f]{2})+$/.test(values[0] ?? ''))
        throw new SdkError(
          RC.badParameter,
          `${file.name}:${file.target.record}: a whole record is written as hex`,
        );
      writes.push({ tag: null, record: file.target.record, bytes: fromHex(values[0]!) });
    } else {
      for (const [j, item] of file.target.items.entries()) {
        if (item.record !== null)
          throw new SdkError(
            RC.unsupported,
            `${file.name}: writing an item inside a numbered record is not supported`,
          );
        const itemSpec = findItem(spec, item.tag);
        if (itemSpec === undefined)
          throw new SdkError(
            RC.badParameter,
            `${file.name}: item ${hexByte(item.tag)} has no known encoding to write`,
          );
        const value = encodeItem(itemSpec, values[j]!);
        writes.push({ tag: item.tag, record: null, bytes: Uint8Array.of(item.tag, value.length, ...value) });
      }
    }
    await access.enter(spec, 'write');
    for (const w of writes) {
      if (w.tag !== null) await t.updateRecord(spec.sfi, { tag: w.tag }, w.bytes);
      else if (spec.structure === 'cyclic') await t.appendRecord(spec.sfi, w.bytes);
      else await t.updateRecord(spec.sfi, { record: w.record! }, w.bytes);
    }
  }
}

/** The SDK strings of a write, parsed and checked against each other (−14). */
export function writeCardRequest(
  iType: number | string,
  pCardInfo: string,
  pFileAddr: string,
  pWriteData: string,
): WriteCardRequest {
  const files = parseFileAddr(pFileAddr);
  return {
    iType: parseIType(iType),
    cardInfo: parseCardInfo(pCardInfo),
    files,
    values: parseBlocks(pWriteData, files),
  };
}

/** The SDK name: `iWriteCard(iType, pCardInfo, pFileAddr, pWriteData)` → 0. */
export function iWriteCard(
  reader: Reader,
  iType: number | string,
  pCardInfo: string,
  pFileAddr: string,
  pWriteData: string,
  options: SdkOptions = {},
): Promise<SdkAnswer> {
  return answer(async () => {
    await writeCard(reader, writeCardRequest(iType, pCardInfo, pFileAddr, pWriteData), options);
    return '';
  });
}

export const WRITE_CARD_FUNCTIONS: readonly SdkFunction[] = [
  {
    name: 'iWriteCard',
    params: ['iType', 'pCardInfo', 'pFileAddr', 'pWriteData'],
    call: (reader, [iType, info, addr, data], options) =>
      iWriteCard(reader, iType!, info!, addr!, data!, options),
  },
];
