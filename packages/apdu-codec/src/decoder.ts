/**
 * The decoder for humans: what a command or response means, as a JSON-friendly object and as
 * one line of text. Used by the card's --trace, the conformance reports and `pnpm apdu`.
 * Not on any hot path: the card only calls it when tracing is on.
 */
import { TextDecoder } from 'node:util';
import { findBerTlv, parseBerTlv } from './ber-tlv.js';
import { type ClaInfo, decodeCla } from './cla.js';
import { type ApduCase, apduCase, parseCommandApdu } from './command-apdu.js';
import { commandNameOf } from './command-names.js';
import { ApduError } from './errors.js';
import { hexByte, toHex } from './hex.js';
import { parseResponseApdu } from './response-apdu.js';
import { describeSw, formatSw, type SwCategory } from './status-words.js';

export interface CommandDescription {
  hex: string;
  /** E.g. "SELECT". */
  name: string;
  /** Meaning of P1/P2 where known, e.g. "by DF name"; "" when there is nothing to add. */
  parameters: string;
  apduCase: ApduCase;
  cla: ClaInfo;
  nc: number;
  ne: number | null;
  /** The data field as text: a DF name decoded from GBK in quotes, a FID, or hex. */
  data: string;
}

export interface ResponseDescription {
  hex: string;
  sw: string;
  category: SwCategory;
  en: string;
  zh: string;
  known: boolean;
  dataLength: number;
  dataHex: string;
  /** The data for humans: an FCI summarised (01-card "SELECT answer"), otherwise hex; "" when none. */
  data: string;
}

const KEY_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'master'],
  [3, 'PIN unblock'],
  [4, 'PIN reload'],
  [5, 'application maintenance'],
  [7, 'encryption'],
  [8, 'MAC+encryption'],
]);

/** A PSAM key usage byte: high 3 bits = diversification levels, low 5 bits = key type (05-psam.md). */
function usageText(usage: number): string {
  const levels = usage >> 5;
  const type = usage & 0x1f;
  return `usage ${hexByte(usage)} (${levels}-level, ${KEY_TYPES.get(type) ?? `type ${hexByte(type)}`})`;
}

function efText(sfi: number): string {
  return sfi === 0 ? 'current EF' : `SFI ${hexByte(sfi)}`;
}

function selectParameters(p1: number, p2: number): string {
  const by =
    p1 === 0x00 ? 'by FID' : p1 === 0x02 ? 'EF by FID' : p1 === 0x04 ? 'by DF name' : `P1=${hexByte(p1)}`;
  const answer = [' (FCI)', ' (FCP)', ' (FMD)', ' (no response data)'][(p2 >> 2) & 3]!;
  return p2 === 0x00 ? by : `${by}, P2=${hexByte(p2)}${answer}`;
}

function recordParameters(p1: number, p2: number): string {
  const ef = efText(p2 >> 3);
  switch (p2 & 7) {
    case 4:
      return p1 === 0 ? `current record, ${ef}` : `record ${p1}, ${ef}`;
    case 0:
      return `first record with tag ${hexByte(p1)}, ${ef}`;
    case 2:
      return `next record with tag ${hexByte(p1)}, ${ef}`;
    case 1:
      return `last record with tag ${hexByte(p1)}, ${ef}`;
    case 3:
      return `previous record with tag ${hexByte(p1)}, ${ef}`;
    default:
      return `P1=${hexByte(p1)} P2=${hexByte(p2)}`;
  }
}

function binaryParameters(p1: number, p2: number): string {
  if (p1 & 0x80) return `SFI ${hexByte(p1 & 0x1f)}, offset ${p2}`;
  return `offset ${(p1 << 8) | p2}, current EF`;
}

/** 09-perso CREATE FILE type byte (bits 6–1; bit 8 = MAC on writes, bit 7 = encrypted writes). */
const FILE_TYPES: ReadonlyMap<number, string> = new Map([
  [0x38, 'MF/DF'],
  [0x3f, 'key file'],
  [0x28, 'transparent EF'],
  [0x2a, 'fixed-length record EF'],
  [0x2c, 'variable-length (TLV) record EF'],
  [0x2e, 'cyclic EF'],
]);

/** 09-perso WRITE KEY type byte (bits 6–1; bit 8 = MAC, bit 7 = encrypted). */
const KEY_RECORD_TYPES: ReadonlyMap<number, string> = new Map([
  [0x30, 'DES encryption'],
  [0x31, 'DES decryption'],
  [0x32, 'DES MAC'],
  [0x34, 'internal authentication'],
  [0x36, 'line protection'],
  [0x37, 'PIN unblock'],
  [0x38, 'PIN reload'],
  [0x39, 'external authentication'],
  [0x3a, 'PIN'],
  [0x3e, 'purchase'],
  [0x3f, 'load'],
]);

function typeText(table: ReadonlyMap<number, string>, type: number): string {
  const flags = `${type & 0x80 ? ', MAC' : ''}${type & 0x40 ? ', encrypted' : ''}`;
  return `${table.get(type & 0x3f) ?? `type ${hexByte(type)}`}${flags}`;
}

/**
 * What the first data byte of a personalisation command says (09-perso): the file type of
 * CREATE FILE, the key type of a plain WRITE KEY (under CLA 84 the data may be a cryptogram).
 */
function persoDataText(name: string, cla: number, data: Uint8Array): string {
  const first = data[0];
  if (first === undefined) return '';
  if (name === 'CREATE FILE') return `, ${typeText(FILE_TYPES, first)}`;
  if (name === 'WRITE KEY' && cla === 0x80) return `, ${typeText(KEY_RECORD_TYPES, first)}`;
  return '';
}

/** Meaning of P1/P2 for the commands the card and PSAM know. */
function parametersText(name: string, p1: number, p2: number): string {
  switch (name) {
    case 'SELECT':
      return selectParameters(p1, p2);
    case 'READ BINARY':
    case 'UPDATE BINARY':
      return binaryParameters(p1, p2);
    case 'READ RECORD':
    case 'UPDATE RECORD':
      return recordParameters(p1, p2);
    case 'APPEND RECORD':
      return efText(p2 >> 3);
    case 'EXTERNAL AUTHENTICATE':
    case 'INTERNAL AUTHENTICATE':
      return `key ${hexByte(p2)}`;
    case 'VERIFY':
      return p2 === 0 ? '' : `PIN ${hexByte(p2)}`;
    case 'APPLICATION BLOCK':
      return p2 === 0 ? 'temporary' : p2 === 1 ? 'permanent' : `P2=${hexByte(p2)}`;
    case 'CREATE FILE':
      return `FID ${hexByte(p1)}${hexByte(p2)}`;
    case 'WRITE KEY':
      return `${p1 === 0x01 ? 'add' : `type ${hexByte(p1)}`}, key ${hexByte(p2)}`;
    case 'INIT FOR DESCRYPT':
    case 'SESSION INIT':
      return `${usageText(p1)}, key ${hexByte(p2)}`;
    case 'CIPHER DATA':
      return p1 === 0x00 ? 'encrypt' : p1 === 0x05 ? 'MAC' : `P1=${hexByte(p1)}`;
    case 'GET CHALLENGE':
    case 'GET RESPONSE':
    case 'CHANGE PIN':
    case 'RELOAD PIN':
      return '';
    default:
      return p1 === 0 && p2 === 0 ? '' : `P1=${hexByte(p1)} P2=${hexByte(p2)}`;
  }
}

let gbk: TextDecoder | null = null;

/** The bytes as text if they are printable GBK (DF names like "sx1.sh.社会保障"), else null. */
export function printableGbk(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  gbk ??= new TextDecoder('gbk', { fatal: true });
  let text: string;
  try {
    text = gbk.decode(bytes);
  } catch {
    return null;
  }
  return /^[\p{L}\p{N}\p{P}\p{S} ]+$/u.test(text) ? text : null;
}

const MAX_DATA_HEX = 64;

function shortHex(bytes: Uint8Array): string {
  if (bytes.length <= MAX_DATA_HEX) return toHex(bytes);
  return `${toHex(bytes.subarray(0, MAX_DATA_HEX))}…(+${bytes.length - MAX_DATA_HEX})`;
}

function dataText(name: string, p1: number, data: Uint8Array): string {
  if (data.length === 0) return '';
  if (name === 'SELECT') {
    if (p1 === 0x04) {
      const text = printableGbk(data);
      if (text !== null) return `"${text}"`;
      return `AID ${toHex(data)}`;
    }
    if (data.length === 2) return `FID ${toHex(data)}`;
  }
  return shortHex(data);
}

/** Describes a command; throws ApduError if the bytes are not a well-formed command APDU. */
export function describeCommand(bytes: Uint8Array): CommandDescription {
  const cmd = parseCommandApdu(bytes);
  const name = commandNameOf(cmd.cla, cmd.ins, cmd.p1);
  return {
    hex: toHex(bytes),
    name,
    // 02-commands: VERIFY without data asks for the tries left without spending one.
    parameters:
      name === 'VERIFY' && cmd.data.length === 0
        ? 'query tries left'
        : parametersText(name, cmd.p1, cmd.p2) + persoDataText(name, cmd.cla, cmd.data),
    apduCase: apduCase(cmd),
    cla: decodeCla(cmd.cla),
    nc: cmd.data.length,
    ne: cmd.ne,
    data: dataText(name, cmd.p1, cmd.data),
  };
}

const ALGORITHMS: ReadonlyMap<number, string> = new Map([
  [0x01, '3DES'],
  [0x03, 'SM4'],
]);

/**
 * "FCI DF name "sx1.sh.社会保障", algorithm 3DES" for a 6F template (01-card "SELECT answer":
 * 84 = DF name, 9F0C inside A5 contains 86 01 <alg>); null when the data is not one.
 */
function fciText(data: Uint8Array): string | null {
  if (data[0] !== 0x6f) return null;
  let fci: ReturnType<typeof parseBerTlv>;
  try {
    fci = parseBerTlv(data, { maxDepth: 4 });
  } catch {
    return null;
  }
  if (fci.length !== 1) return null;
  const parts: string[] = [];
  const name = findBerTlv(fci, 0x84);
  if (name) {
    const text = printableGbk(name.value);
    parts.push(text === null ? `DF name ${toHex(name.value)}` : `DF name "${text}"`);
  }
  const prop = findBerTlv(fci, 0x9f0c);
  if (prop) {
    const v = prop.value;
    for (let i = 0; i + 2 < v.length; i++) {
      if (v[i] === 0x86 && v[i + 1] === 0x01) {
        const alg = v[i + 2]!;
        parts.push(`algorithm ${ALGORITHMS.get(alg) ?? hexByte(alg)}`);
        break;
      }
    }
  }
  return parts.length ? `FCI ${parts.join(', ')}` : 'FCI';
}

/** Describes a response; throws ApduError('too-short') under 2 bytes. */
export function describeResponse(bytes: Uint8Array): ResponseDescription {
  const r = parseResponseApdu(bytes);
  const d = describeSw(r.sw);
  return {
    hex: toHex(bytes),
    sw: formatSw(r.sw),
    category: d.category,
    en: d.en,
    zh: d.zh,
    known: d.known,
    dataLength: r.data.length,
    dataHex: toHex(r.data),
    data: r.data.length === 0 ? '' : (fciText(r.data) ?? shortHex(r.data)),
  };
}

/** "SELECT by DF name "sx1.sh.社会保障" [SM] (case 4S, Nc=15, Ne=256)" */
export function formatCommandDescription(d: CommandDescription): string {
  const sm = d.cla.secureMessaging !== 'none' ? ' [SM]' : '';
  const params = d.parameters ? ` ${d.parameters}` : '';
  const data = d.data ? `, data ${d.data}` : '';
  const ne = d.ne === null ? '' : `, Ne=${d.ne}`;
  return `${d.name}${params}${sm}${data} (case ${d.apduCase}, Nc=${d.nc}${ne})`;
}

/** "9000 success" or "6A82 file or application not found", with data when there is any. */
export function formatResponseDescription(d: ResponseDescription): string {
  return d.dataLength > 0 ? `${d.sw} ${d.en} [${d.dataLength} bytes: ${d.data}]` : `${d.sw} ${d.en}`;
}

/** One line for a command alone; malformed bytes are described, never thrown. */
export function formatCommand(command: Uint8Array): string {
  try {
    return formatCommandDescription(describeCommand(command));
  } catch (e) {
    if (e instanceof ApduError) return `malformed command ${shortHex(command)} (${e.message})`;
    throw e;
  }
}

/** One line for a response alone; malformed bytes are described, never thrown. */
export function formatResponse(response: Uint8Array): string {
  try {
    return formatResponseDescription(describeResponse(response));
  } catch (e) {
    if (e instanceof ApduError) return `malformed response ${shortHex(response)} (${e.message})`;
    throw e;
  }
}

/** One line for a command/response pair: "<command> → <response>". */
export function formatExchange(command: Uint8Array, response?: Uint8Array): string {
  const c = formatCommand(command);
  return response === undefined ? c : `${c} → ${formatResponse(response)}`;
}
