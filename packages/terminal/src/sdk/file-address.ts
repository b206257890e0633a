/**
 * pFileAddr and the data strings (10-terminal-api.md): `<DF><EF>` then items as record tags
 * each ended by `|`, files separated and the list ended by `$` (`SSSEEF06|08|09|0A|$`); a
 * numbered record `DF04EF08:01$`; an item inside a numbered record `DF02EF15|99:01|$`.
 * Answers and write data have the same shape: values ended by `|`, each file's block by `$`.
 */

import { SSSE } from './catalogue.js';
import { RC, SdkError } from './return-codes.js';

export type ItemAddress = { tag: number; record: number | null };

export interface FileAddress {
  df: number;
  ef: number;
  /** As written by the caller (`SSSEEF06`), for messages. */
  name: string;
  /** A whole numbered record (`:NN`), or items. */
  target: { record: number } | { items: ItemAddress[] };
}

const FILE = /^(SSSE|MF|3F00|DF[0-9A-F]{2})EF([0-9A-F]{2})(.*)$/i;

export function parseFileAddr(text: string): FileAddress[] {
  if (!text.endsWith('$')) throw bad(text, 'the list must end with "$"');
  const blocks = text.slice(0, -1).split('$');
  return blocks.map((block) => parseBlock(block, text));
}

function parseBlock(block: string, whole: string): FileAddress {
  const m = FILE.exec(block);
  if (m === null)
    throw bad(whole, `"${block}" does not start with <DF><EF> (SSSE, MF, 3F00 or DFxx, then EFxx)`);
  const dfName = m[1]!.toUpperCase();
  const df = dfName === 'SSSE' || dfName === 'MF' || dfName === '3F00' ? SSSE : Number.parseInt(dfName, 16);
  const ef = 0xef00 | Number.parseInt(m[2]!, 16);
  const rest = m[3]!;
  const name = `${dfName}EF${m[2]!.toUpperCase()}`;
  const numbered = /^:([0-9]{2})$/.exec(rest);
  if (numbered !== null) return { df, ef, name, target: { record: recordNumber(numbered[1]!, whole) } };
  if (!rest.startsWith('|') || !rest.endsWith('|') || rest.length < 3)
    throw bad(whole, `"${block}": items follow the file as "|TT|TT|", or a record as ":NN"`);
  const items = rest
    .slice(1, -1)
    .split('|')
    .map((it) => {
      const im = /^([0-9A-F]{2})(?::([0-9]{2}))?$/i.exec(it);
      if (im === null) throw bad(whole, `"${it}" in ${name} is not an item tag (TT or TT:NN)`);
      return {
        tag: Number.parseInt(im[1]!, 16),
        record: im[2] === undefined ? null : recordNumber(im[2], whole),
      };
    });
  return { df, ef, name, target: { items } };
}

function recordNumber(text: string, whole: string): number {
  const n = Number.parseInt(text, 10);
  if (n < 1) throw bad(whole, `record number ${text}: records count from 01`);
  return n;
}

function bad(whole: string, why: string): SdkError {
  return new SdkError(RC.badParameter, `pFileAddr "${whole}": ${why}`);
}

/** How many values each file block of an answer or of write data holds. */
export function valueCount(file: FileAddress): number {
  return 'record' in file.target ? 1 : file.target.items.length;
}

/** Values per file → `v|v|$v|$`. */
export function formatBlocks(blocks: readonly (readonly string[])[]): string {
  return blocks.map((values) => `${values.map((v) => `${v}|`).join('')}$`).join('');
}

/** `v|v|$v|$` → values per file, checked against the shape of pFileAddr. */
export function parseBlocks(text: string, files: readonly FileAddress[]): string[][] {
  if (!text.endsWith('$')) throw new SdkError(RC.badParameter, `pWriteData "${text}" must end with "$"`);
  const blocks = text.slice(0, -1).split('$');
  if (blocks.length !== files.length)
    throw new SdkError(
      RC.badParameter,
      `pWriteData has ${blocks.length} file block(s), pFileAddr ${files.length}`,
    );
  return blocks.map((block, i) => {
    if (!block.endsWith('|'))
      throw new SdkError(RC.badParameter, `pWriteData block "${block}": each value ends with "|"`);
    const values = block.slice(0, -1).split('|');
    const want = valueCount(files[i]!);
    if (values.length !== want)
      throw new SdkError(
        RC.badParameter,
        `pWriteData block "${block}": ${values.length} value(s), ${files[i]!.name} asks ${want}`,
      );
    return values;
  });
}
