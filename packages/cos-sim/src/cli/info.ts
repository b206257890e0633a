/**
 * `cos-sim info --profile P [--json]`: the card's file tree with access rules, lifecycle and
 * key list (ids, types, counters — never key values); for a PSAM also its key table (usage,
 * id, algorithm, version — never values).
 */
import { hexByte, hexWord, toHex } from '@ssc-cos/apdu-codec';
import iconv from 'iconv-lite';
import { formatAccessRule } from '../image/access-rule.js';
import type { CardImage, DedicatedFile, ElementaryFile, FileNode, PsamKey } from '../image/types.js';
import { imageFromProfile } from './exec.js';

function efLine(ef: ElementaryFile): string {
  const sfi = ef.sfi === undefined ? '      ' : `SFI ${hexByte(ef.sfi)}`;
  const shape =
    ef.type === 'transparent'
      ? `transparent ${ef.size} bytes${ef.data === null ? ' (never written)' : ''}`
      : `${ef.type} ${ef.records.length}/${ef.maxRecords} records × ${ef.recordLength}`;
  return `EF ${hexWord(ef.fid)} ${sfi}  ${shape.padEnd(40)} read ${formatAccessRule(ef.read).padEnd(14)} write ${formatAccessRule(ef.write)}`;
}

/**
 * A DF name as text when it is one (GBK, e.g. "sx1.sh.社会保障"), else null: an AID such as
 * the PSAM's DF01 `D15600000590` is binary, and decoding it would print garbage.
 */
function nameText(name: Uint8Array): string | null {
  const text = iconv.decode(Buffer.from(name), 'gbk');
  return /[\u0000-\u001f\u007f-\u009f\ufffd]/.test(text) ? null : text;
}

function dfName(df: DedicatedFile): string {
  if (df.name === null) return '';
  const text = nameText(df.name);
  return text === null ? ` AID ${toHex(df.name)}` : ` name ${toHex(df.name)} "${text}"`;
}

/** 05-psam.md: the low 5 bits of the usage byte. */
const PSAM_KEY_TYPES: Record<number, string> = {
  0: 'master',
  3: 'PIN unblock',
  4: 'PIN reload',
  5: 'application maintenance',
  7: 'encryption',
  8: 'MAC+encryption',
};

/** One key-table entry without its value: usage (levels, type), id, algorithm, version. */
function psamKeyLine(k: PsamKey): string {
  const type = PSAM_KEY_TYPES[k.usage & 0x1f] ?? `type ${hexByte(k.usage & 0x1f)}`;
  return `usage ${hexByte(k.usage)} id ${hexByte(k.id)} ${k.algorithm} version ${hexByte(k.version)}  ${type}, ${k.usage >> 5} diversification level(s)`;
}

function describeDf(df: DedicatedFile, indent: string, out: string[]): void {
  const label = df.fid === 0x3f00 ? 'MF' : 'DF';
  out.push(
    `${indent}${label} ${hexWord(df.fid)}${dfName(df)}${df.lifecycle === 'active' ? '' : ` [${df.lifecycle}]`}`,
  );
  const inner = `${indent}  `;
  if (df.keys.length > 0) {
    const keys = df.keys.map(
      (k) => `${hexByte(k.id)} ${k.type}${k.maxTries ? ` ${k.triesLeft}/${k.maxTries}` : ''}`,
    );
    out.push(`${inner}keys: ${keys.join(', ')}`);
  }
  if (df.psamKeys !== undefined && df.psamKeys.length > 0) {
    out.push(`${inner}key table (${df.psamKeys.length} entries, values never shown):`);
    for (const k of df.psamKeys) out.push(`${inner}  ${psamKeyLine(k)}`);
  }
  for (const child of df.children) {
    if (child.type === 'df') describeDf(child, inner, out);
    else out.push(`${inner}${efLine(child)}`);
  }
}

/** The tree as lines of text. */
export function describeImage(image: CardImage): string[] {
  const out = [
    `profile ${image.profile}: ${image.kind}, ${image.algorithm}, ${image.options.transport}, ATR ${toHex(image.atr)}${image.cardBlocked ? ' [card blocked]' : ''}`,
  ];
  describeDf(image.mf, '', out);
  return out;
}

function fileJson(node: FileNode): Record<string, unknown> {
  if (node.type !== 'df') {
    return {
      type: node.type,
      fid: hexWord(node.fid),
      sfi: node.sfi === undefined ? null : hexByte(node.sfi),
      ...(node.type === 'transparent'
        ? { size: node.size, written: node.data !== null }
        : { records: node.records.length, maxRecords: node.maxRecords, recordLength: node.recordLength }),
      read: formatAccessRule(node.read),
      write: formatAccessRule(node.write),
    };
  }
  return {
    type: 'df',
    fid: hexWord(node.fid),
    name: node.name === null ? null : toHex(node.name),
    nameText: node.name === null ? null : nameText(node.name),
    lifecycle: node.lifecycle,
    keys: node.keys.map((k) => ({
      id: hexByte(k.id),
      type: k.type,
      triesLeft: k.triesLeft,
      maxTries: k.maxTries,
    })),
    ...(node.psamKeys === undefined
      ? {}
      : {
          keyTable: node.psamKeys.map((k) => ({
            usage: hexByte(k.usage),
            id: hexByte(k.id),
            algorithm: k.algorithm,
            version: hexByte(k.version),
            keyType: PSAM_KEY_TYPES[k.usage & 0x1f] ?? null,
            levels: k.usage >> 5,
          })),
        }),
    children: node.children.map(fileJson),
  };
}

/** The tree as one JSON value: the same facts as the text, bytes and ids as upper-case hex. */
export function describeImageJson(image: CardImage): Record<string, unknown> {
  return {
    profile: image.profile,
    kind: image.kind,
    algorithm: image.algorithm,
    transport: image.options.transport,
    atr: toHex(image.atr),
    cardBlocked: image.cardBlocked,
    mf: fileJson(image.mf),
  };
}

/** What `cos-sim info` prints for `profile`: the text lines, or one JSON line with `json`. */
export function infoOutput(profile: string, json: boolean): string {
  const image = imageFromProfile(profile);
  return json ? `${JSON.stringify(describeImageJson(image))}\n` : `${describeImage(image).join('\n')}\n`;
}
