/**
 * What the SDK knows of the card's files: for each EF, its SFI, structure and access rules,
 * and for each record item (tag) its encoding and length (01-card.md). iReadCard decodes and
 * iWriteCard encodes by this table, and chooses the key an item needs from the file's rule.
 * The table is data: STANDARD_CATALOGUE is 01-card.md; `catalogueFromProfile` reads the same
 * from a profile document (vectors/profiles/*.json), so files a profile adds decode without
 * code changes.
 */

export type ItemEncoding = 'an' | 'cn' | 'b' | 'gbk';

export interface ItemSpec {
  tag: number;
  enc: ItemEncoding;
  /** Value length in bytes. */
  len: number;
  /** Padding byte: gbk 00 (4E: FF), cn F-nibbles (FF), an spaces (20) unless the profile says. */
  pad: number;
}

export type FileStructure = 'variable' | 'fixed' | 'cyclic' | 'transparent';

export interface FileSpec {
  /** 3F00 for the SSSE, DF01..DF04 for the zones. */
  df: number;
  ef: number;
  sfi: number;
  structure: FileStructure;
  /** Access rules as 01-card.md writes them: "FREE", "PIN|KEY 01", "PIN+KEY 01", "KEY 02", "NEVER"… */
  read: string;
  write: string;
  items: ItemSpec[];
  /** Record length of fixed and cyclic files. */
  recordLength?: number;
}

export interface Catalogue {
  files: FileSpec[];
}

export const SSSE = 0x3f00;

export function findFile(catalogue: Catalogue, df: number, ef: number): FileSpec | undefined {
  return catalogue.files.find((f) => f.df === df && f.ef === ef);
}

export function findItem(file: FileSpec, tag: number): ItemSpec | undefined {
  return file.items.find((i) => i.tag === tag);
}

/** The key id an access rule names (`KEY 01`, `PIN|KEY 01`, `PIN+KEY 01`), or null (FREE, PIN, NEVER). */
export function ruleKey(rule: string): number | null {
  const m = /KEY\s+([0-9A-Fa-f]{2})/.exec(rule);
  return m === null ? null : Number.parseInt(m[1]!, 16);
}

function defaultPad(enc: ItemEncoding): number {
  return enc === 'an' ? 0x20 : enc === 'cn' ? 0xff : 0x00;
}

function item(tag: number, enc: ItemEncoding, len: number, pad?: number): ItemSpec {
  return { tag, enc, len, pad: pad ?? defaultPad(enc) };
}

function records(df: number, ef: number, read: string, write: string, items: ItemSpec[]): FileSpec {
  return { df, ef, sfi: ef & 0xff, structure: 'variable', read, write, items };
}

function cyclic(df: number, ef: number, recordLength: number): FileSpec {
  return {
    df,
    ef,
    sfi: ef & 0xff,
    structure: 'cyclic',
    read: 'PIN|KEY 01',
    write: 'KEY 02',
    items: [],
    recordLength,
  };
}

const ZONE_READ = 'PIN|KEY 01';
const ZONE_WRITE = 'KEY 02';

/** 01-card.md, both built-in profiles (EF0D is 3g only: a 2g card answers 6A82 for it). */
export const STANDARD_CATALOGUE: Catalogue = {
  files: [
    records(SSSE, 0xef05, 'FREE', 'KEY 04', [
      item(0x01, 'b', 16),
      item(0x02, 'an', 1),
      item(0x03, 'an', 4),
      item(0x04, 'b', 12),
      item(0x05, 'cn', 4),
      item(0x06, 'cn', 4),
      item(0x07, 'an', 9),
    ]),
    records(SSSE, 0xef06, 'FREE', 'KEY 04', [
      item(0x08, 'an', 18),
      item(0x09, 'gbk', 30),
      item(0x4e, 'gbk', 20, 0xff),
      item(0x0a, 'an', 1),
      item(0x0b, 'b', 1),
      item(0x0c, 'cn', 3),
      item(0x0d, 'cn', 4),
    ]),
    records(SSSE, 0xef0d, 'FREE', 'KEY 0D', [item(0xea, 'an', 12), item(0xeb, 'cn', 3)]),
    records(0xdf01, 0xef05, ZONE_READ, ZONE_WRITE, [
      item(0x20, 'gbk', 80),
      item(0x21, 'an', 1),
      item(0x0e, 'cn', 3),
    ]),
    records(0xdf01, 0xef06, ZONE_READ, ZONE_WRITE, [
      item(0x23, 'gbk', 80),
      item(0x24, 'cn', 3),
      item(0x28, 'an', 15),
    ]),
    records(0xdf02, 0xef05, ZONE_READ, ZONE_WRITE, [item(0x41, 'an', 7), item(0x42, 'an', 1)]),
    cyclic(0xdf02, 0xef07, 23),
    records(0xdf03, 0xef05, ZONE_READ, ZONE_WRITE, [item(0x61, 'an', 1), item(0x62, 'cn', 4)]),
    records(0xdf03, 0xef07, ZONE_READ, ZONE_WRITE, [item(0x70, 'an', 1), item(0x71, 'cn', 4)]),
    records(0xdf04, 0xef05, ZONE_READ, ZONE_WRITE, [
      item(0x81, 'an', 2),
      item(0x84, 'cn', 3),
      item(0x87, 'cn', 4),
    ]),
    records(0xdf04, 0xef06, 'PIN+KEY 01', ZONE_WRITE, [
      item(0x90, 'an', 1),
      item(0x92, 'b', 4),
      item(0x93, 'cn', 4),
    ]),
    cyclic(0xdf04, 0xef08, 28),
  ],
};

type Json = Record<string, unknown>;

/**
 * The catalogue of a profile document (the JSON of vectors/profiles): every record EF of the
 * MF and its DFs with its rules and its records' tags, encodings and lengths. Entries the
 * document leaves out (a record without a tag) are skipped, not guessed.
 */
export function catalogueFromProfile(doc: unknown): Catalogue {
  const files: FileSpec[] = [];
  const root = (doc as Json | null)?.files;
  if (typeof root !== 'object' || root === null) throw new Error('profile document has no "files"');
  const walk = (node: Json, df: number): void => {
    for (const [name, value] of Object.entries(node)) {
      if (typeof value !== 'object' || value === null || !/^[0-9A-F]{4}$/i.test(name)) continue;
      const v = value as Json;
      const fid = Number.parseInt(name, 16);
      if (v.structure === 'df') {
        walk(v, fid);
        continue;
      }
      if (typeof v.structure !== 'string' || typeof v.sfi !== 'string') continue;
      const items: ItemSpec[] = [];
      for (const r of Array.isArray(v.records) ? v.records : []) {
        const rec = r as Json;
        if (typeof rec.tag !== 'string' || typeof rec.enc !== 'string' || typeof rec.len !== 'number')
          continue;
        const enc = rec.enc as ItemEncoding;
        if (!['an', 'cn', 'b', 'gbk'].includes(enc)) continue;
        const pad = typeof rec.pad === 'string' ? Number.parseInt(rec.pad, 16) : undefined;
        items.push(item(Number.parseInt(rec.tag, 16), enc, rec.len, pad));
      }
      files.push({
        df,
        ef: fid,
        sfi: Number.parseInt(v.sfi, 16),
        structure: v.structure as FileStructure,
        read: typeof v.read === 'string' ? v.read : 'NEVER',
        write: typeof v.write === 'string' ? v.write : 'NEVER',
        items,
        ...(typeof v.recordLength === 'number' ? { recordLength: v.recordLength } : {}),
      });
    }
  };
  walk(root as Json, SSSE);
  return { files };
}
