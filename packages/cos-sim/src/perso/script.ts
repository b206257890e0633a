/**
 * The personalisation script of a card image: the FMCOS APDUs (09-perso.md) that turn the
 * blank chip (blank-chip.ts) into exactly that image, as text — one hex APDU per line, `#`
 * comment lines — the format `cos-sim exec` reads.
 *
 * Order, per DF (FMCOS's fresh-DF rule: a DF without a key file is open, so data go in before
 * keys): CREATE the DF, SELECT it, CREATE and fill each EF, personalise child DFs, issue child
 * DFs that leave the factory blocked (vendor form `E2`), CREATE the key file, WRITE KEY each key
 * with the master key 0F last (once it is in, the DF needs KEY 0F for more).
 */

import { hexByte, hexWord, toHex } from '@ssc-cos/apdu-codec';
import { formatAccessRule } from '../image/access-rule.js';
import { compareKeys } from '../image/key-order.js';
import { MF_FID } from '../image/nodes.js';
import type { CardImage, DedicatedFile, ElementaryFile, KeyObject } from '../image/types.js';
import { PersoError } from './errors.js';
import {
  encodeCreateDf,
  encodeCreateEf,
  encodeCreateKeyFile,
  encodeCreatePassbook,
  encodeIssue,
  encodeKeyRecord,
  PASSBOOK_FID,
} from './fmcos-layout.js';
import { MASTER_KEY_ID } from './management-access.js';

function apdu(cla: number, ins: number, p1: number, p2: number, data: Uint8Array): string {
  const out = new Uint8Array(5 + data.length);
  out.set([cla, ins, p1, p2, data.length]);
  out.set(data, 5);
  return toHex(out);
}

const selectFid = (fid: number, p1 = 0x00): string =>
  apdu(0x00, 0xa4, p1, 0x00, Uint8Array.of(fid >> 8, fid & 0xff));

class ScriptWriter {
  readonly lines: string[] = [];
  comment(text: string): void {
    this.lines.push(`# ${text}`);
  }
  command(line: string): void {
    this.lines.push(line);
  }
}

function describeEf(ef: ElementaryFile): string {
  const shape =
    ef.type === 'transparent'
      ? `transparent ${ef.size} bytes`
      : `${ef.type} ${ef.maxRecords} × ${ef.recordLength}`;
  const sfi = ef.sfi === undefined ? 'no SFI' : `SFI ${hexByte(ef.sfi)}`;
  return `${hexWord(ef.fid)}: ${sfi}, ${shape}, read ${formatAccessRule(ef.read)}, write ${formatAccessRule(ef.write)}`;
}

function writeEf(w: ScriptWriter, ef: ElementaryFile, maxLc: number): void {
  w.comment(describeEf(ef));
  w.command(apdu(0x80, 0xe0, ef.fid >> 8, ef.fid & 0xff, encodeCreateEf(ef)));
  if (ef.type === 'transparent') {
    if (ef.data === null) return;
    w.command(selectFid(ef.fid, 0x02));
    for (let offset = 0; offset < ef.size; offset += maxLc) {
      const chunk = ef.data.subarray(offset, Math.min(ef.size, offset + maxLc));
      w.command(apdu(0x00, 0xd6, offset >> 8, offset & 0xff, chunk));
    }
    return;
  }
  if (ef.records.length === 0) return;
  let p2 = 0x00; // the current EF
  if (ef.sfi === undefined) w.command(selectFid(ef.fid, 0x02));
  else p2 = ef.sfi << 3;
  // APPEND on a cyclic file makes the new record number 1, so the oldest goes first.
  const order = ef.type === 'cyclic' ? ef.records.slice().reverse() : ef.records;
  for (const record of order) w.command(apdu(0x00, 0xe2, 0x00, p2, record));
}

function keyComment(key: KeyObject): string {
  return `WRITE KEY ${hexByte(key.id)} ${key.type}${key.id === MASTER_KEY_ID && key.type === 'external-auth' ? ' (DF master key, last)' : ''}`;
}

/** Personalises `df` (already created and selected; `path` = FIDs from the MF down, MF excluded). */
function writeDfContents(w: ScriptWriter, image: CardImage, df: DedicatedFile, path: number[]): void {
  const reselect = (): void => {
    w.command(selectFid(MF_FID));
    for (const fid of path) w.command(selectFid(fid));
  };
  for (const child of df.children) {
    if (child.type !== 'df') {
      writeEf(w, child, image.options.maxLc);
      continue;
    }
    const childPath = [...path, child.fid];
    w.comment(`${hexWord(child.fid)}${child.name === null ? '' : ` name ${toHex(child.name)}`}`);
    w.command(apdu(0x80, 0xe0, child.fid >> 8, child.fid & 0xff, encodeCreateDf(child)));
    w.command(selectFid(child.fid));
    writeDfContents(w, image, child, childPath);
    w.comment(`back to ${path.length === 0 ? 'the MF' : hexWord(path[path.length - 1]!)}`);
    reselect();
  }
  for (const child of df.children) {
    if (child.type === 'df' && child.lifecycle !== 'active') {
      w.comment(`vendor extension E2: issue ${hexWord(child.fid)} ${child.lifecycle}`);
      w.command(apdu(0x80, 0xe0, child.fid >> 8, child.fid & 0xff, encodeIssue(child.lifecycle)));
    }
  }
  if (df.passbook !== undefined) {
    // Before the keys: in a DF with a passbook, WRITE KEY type 34 installs the TAC key.
    w.comment(`passbook ${hexWord(PASSBOOK_FID)} (12-payment.md), balance ${df.passbook.balance} fen`);
    w.command(apdu(0x80, 0xe0, PASSBOOK_FID >> 8, PASSBOOK_FID & 0xff, encodeCreatePassbook(df.passbook)));
  }
  if (df.keyFile === null) return;
  w.comment(`key file ${hexWord(df.keyFile.fid)}, ${df.keyFile.space} bytes`);
  const sfiByte =
    df.fid === MF_FID || df.children.some((c) => c.type === 'df') ? 0x00 : 0x80 | (df.fid & 0x1f);
  w.command(
    apdu(0x80, 0xe0, df.keyFile.fid >> 8, df.keyFile.fid & 0xff, encodeCreateKeyFile(df.keyFile, sfiByte)),
  );
  const isMaster = (k: KeyObject): boolean => k.id === MASTER_KEY_ID && k.type === 'external-auth';
  const keys = df.keys.slice().sort((a, b) => Number(isMaster(a)) - Number(isMaster(b)) || compareKeys(a, b));
  for (const key of keys) {
    w.comment(keyComment(key));
    w.command(apdu(0x80, 0xd4, 0x01, key.id, encodeKeyRecord(key)));
  }
}

/** The script as lines (comment lines start with "#"). Cards only: a PSAM's key table is not written by WRITE KEY. */
export function persoScriptLines(image: CardImage): string[] {
  if (image.kind !== 'card') {
    throw new PersoError(
      'kind: perso writes card profiles only; a PSAM key table has no FMCOS WRITE KEY layout',
    );
  }
  if (image.mf.lifecycle !== 'active') throw new PersoError('files.lifecycle: the MF is issued active');
  const w = new ScriptWriter();
  const mf = image.mf;
  w.comment(`ssc-cos personalisation script: profile ${image.profile} (${image.kind}, ${image.algorithm})`);
  w.comment(`blank chip: ATR ${toHex(image.atr)}, empty MF (docs/profile.md)`);
  w.comment(
    'CLA 80 E0 = CREATE FILE, 80 D4 = WRITE KEY, 00 E2 = APPEND RECORD, 00 D6 = UPDATE BINARY, 00 A4 = SELECT',
  );
  w.comment(`MF 3F00${mf.name === null ? '' : ` name ${toHex(mf.name)}`}`);
  w.command(apdu(0x80, 0xe0, MF_FID >> 8, MF_FID & 0xff, encodeCreateDf(mf)));
  w.command(selectFid(MF_FID));
  writeDfContents(w, image, mf, []);
  return w.lines;
}
