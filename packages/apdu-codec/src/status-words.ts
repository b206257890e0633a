/**
 * Status words: ISO/IEC 7816-4 §5.6, every SW of spec 02-commands, 9303 and the PBOC/PSAM
 * ones, with category and English and Chinese meanings. Parameterised forms (61xx, 6Cxx, 63Cx)
 * put their parameter into the text.
 *
 * Chinese wording follows the FMCOS 2.0 manual's table of return codes where it has one.
 */

import { ApduError } from './errors.js';
import { hexByte, hexWord } from './hex.js';

export type SwCategory = 'ok' | 'warning' | 'error';
/** Where a status word is defined. */
export type SwSource = 'iso7816-4' | 'spec' | 'pboc';

export interface SwDescription {
  sw: number;
  /** The dictionary entry that matched, e.g. "9000" or "63Cx"; "????" when unknown. */
  pattern: string;
  category: SwCategory;
  en: string;
  zh: string;
  known: boolean;
  source: SwSource | null;
}

interface SwEntry {
  pattern: string;
  /** sw & mask === value selects the entry. */
  value: number;
  mask: number;
  category: SwCategory;
  source: SwSource;
  en: (param: number) => string;
  zh: (param: number) => string;
}

function exact(sw: number, category: SwCategory, source: SwSource, en: string, zh: string): SwEntry {
  return {
    pattern: hexWord(sw),
    value: sw,
    mask: 0xffff,
    category,
    source,
    en: () => en,
    zh: () => zh,
  };
}

/** 6100 means "256 or more bytes", 6C00 "exactly 256". */
const count = (xx: number): number => (xx === 0 ? 256 : xx);

const PARAMETERISED: readonly SwEntry[] = [
  {
    pattern: '61xx',
    value: 0x6100,
    mask: 0xff00,
    category: 'ok',
    source: 'iso7816-4',
    en: (xx) =>
      xx === 0
        ? 'normal processing; 256 or more response bytes still available (GET RESPONSE)'
        : `normal processing; ${xx} response bytes still available (GET RESPONSE)`,
    zh: (xx) =>
      xx === 0
        ? '正常处理，还有 256 或更多字节可取（GET RESPONSE）'
        : `正常处理，还有 ${xx} 字节可取（GET RESPONSE）`,
  },
  {
    pattern: '6Cxx',
    value: 0x6c00,
    mask: 0xff00,
    category: 'error',
    source: 'iso7816-4',
    en: (xx) => `wrong Le field; exactly ${count(xx)} bytes available (re-issue with Le=${hexByte(xx)})`,
    zh: (xx) => `Le 长度错误，实际可用 ${count(xx)} 字节（以 Le=${hexByte(xx)} 重发）`,
  },
  {
    pattern: '63Cx',
    value: 0x63c0,
    mask: 0xfff0,
    category: 'warning',
    source: 'iso7816-4',
    en: (x) => `verification failed, ${x} ${x === 1 ? 'try' : 'tries'} left`,
    zh: (x) => `校验失败，还剩 ${x} 次尝试机会`,
  },
];

const EXACT: readonly SwEntry[] = [
  exact(0x9000, 'ok', 'iso7816-4', 'success', '成功执行'),
  exact(
    0x6200,
    'warning',
    'iso7816-4',
    'warning: state of non-volatile memory unchanged',
    '警告：非易失性存储器状态未改变',
  ),
  exact(0x6281, 'warning', 'iso7816-4', 'part of the returned data may be corrupted', '回送的数据可能有错'),
  exact(
    0x6282,
    'warning',
    'iso7816-4',
    'end of file or record reached before reading Ne bytes',
    '在读到 Ne 字节之前已到达文件或记录末尾',
  ),
  exact(
    0x6283,
    'warning',
    'iso7816-4',
    'selected file deactivated (application temporarily blocked)',
    '选择文件无效（应用已临时锁定）',
  ),
  exact(
    0x6284,
    'warning',
    'iso7816-4',
    'file control information not formatted per ISO 7816-4',
    'FCI 格式不符合 ISO 7816-4',
  ),
  exact(0x6285, 'warning', 'iso7816-4', 'selected file in termination state', '选择的文件处于终止状态'),
  exact(0x6300, 'warning', 'iso7816-4', 'verification failed (no further information)', '认证失败'),
  exact(0x6381, 'warning', 'iso7816-4', 'file filled up by the last write', '最后一次写入已将文件写满'),
  exact(
    0x6400,
    'error',
    'iso7816-4',
    'execution error: state of non-volatile memory unchanged',
    '执行出错：非易失性存储器状态未改变',
  ),
  exact(
    0x6500,
    'error',
    'iso7816-4',
    'execution error: state of non-volatile memory changed',
    '执行出错：非易失性存储器状态已改变',
  ),
  exact(0x6581, 'error', 'iso7816-4', 'memory failure', '内存失败（写存储器失败）'),
  exact(0x6700, 'error', 'iso7816-4', 'wrong length (Lc or Le)', '长度错误'),
  exact(0x6800, 'error', 'iso7816-4', 'functions in CLA not supported', 'CLA 中的功能不支持'),
  exact(0x6881, 'error', 'iso7816-4', 'logical channel not supported', '不支持逻辑通道'),
  exact(0x6882, 'error', 'iso7816-4', 'secure messaging not supported', '不支持安全报文'),
  exact(0x6883, 'error', 'iso7816-4', 'last command of the chain expected', '应为命令链的最后一条命令'),
  exact(0x6884, 'error', 'iso7816-4', 'command chaining not supported', '不支持命令链'),
  exact(0x6900, 'error', 'iso7816-4', 'command not allowed', '命令不允许'),
  exact(0x6901, 'error', 'pboc', 'command not accepted (invalid state)', '命令不接受（无效状态）'),
  exact(0x6981, 'error', 'iso7816-4', 'command incompatible with file structure', '命令与文件结构不相容'),
  exact(0x6982, 'error', 'iso7816-4', 'security status not satisfied', '不满足安全状态'),
  exact(
    0x6983,
    'error',
    'iso7816-4',
    'authentication method blocked (PIN or key locked)',
    '认证方法锁定（口令或密钥已锁）',
  ),
  exact(
    0x6984,
    'error',
    'iso7816-4',
    'reference data not usable (no challenge pending)',
    '引用数据无效（随机数无效）',
  ),
  exact(0x6985, 'error', 'iso7816-4', 'conditions of use not satisfied', '使用条件不满足'),
  exact(
    0x6986,
    'error',
    'iso7816-4',
    'command not allowed (no current EF)',
    '不满足命令执行的条件（不是当前 EF）',
  ),
  exact(
    0x6987,
    'error',
    'iso7816-4',
    'expected secure messaging data objects missing (no MAC)',
    '无安全报文（缺少 MAC）',
  ),
  exact(
    0x6988,
    'error',
    'iso7816-4',
    'incorrect secure messaging data objects (MAC wrong)',
    '安全报文数据项不正确（MAC 错误）',
  ),
  exact(0x6a00, 'error', 'iso7816-4', 'wrong parameters P1-P2 (no further information)', '参数 P1、P2 错误'),
  exact(0x6a80, 'error', 'iso7816-4', 'incorrect parameters in the data field', '数据域参数不正确'),
  exact(
    0x6a81,
    'error',
    'iso7816-4',
    'function not supported (card or application blocked)',
    '功能不支持（卡或应用已锁定）',
  ),
  exact(0x6a82, 'error', 'iso7816-4', 'file or application not found', '未找到文件'),
  exact(0x6a83, 'error', 'iso7816-4', 'record not found', '未找到记录'),
  exact(0x6a84, 'error', 'iso7816-4', 'not enough memory space in the file', '文件中存储空间不够'),
  exact(0x6a85, 'error', 'iso7816-4', 'Nc inconsistent with TLV structure', 'Lc 与 TLV 结构不一致'),
  exact(0x6a86, 'error', 'iso7816-4', 'incorrect parameters P1-P2', '参数 P1、P2 不正确'),
  exact(0x6a87, 'error', 'iso7816-4', 'Nc inconsistent with parameters P1-P2', 'Lc 与 P1、P2 不一致'),
  exact(0x6a88, 'error', 'iso7816-4', 'referenced data not found (key)', '未找到引用数据（密钥）'),
  exact(0x6a89, 'error', 'iso7816-4', 'file already exists', '文件已存在'),
  exact(0x6a8a, 'error', 'iso7816-4', 'DF name already exists', 'DF 名称已存在'),
  exact(
    0x6b00,
    'error',
    'iso7816-4',
    'wrong parameters P1-P2 (offset outside the EF)',
    '参数错误（偏移地址超出了 EF）',
  ),
  exact(0x6d00, 'error', 'iso7816-4', 'instruction code not supported or invalid', 'INS 不支持或错误'),
  exact(0x6e00, 'error', 'iso7816-4', 'class not supported', 'CLA 不支持或错误'),
  exact(
    0x6f00,
    'error',
    'iso7816-4',
    'no precise diagnosis (fault inside the card)',
    '无精确诊断（卡内部错误）',
  ),
  exact(0x9302, 'error', 'pboc', 'MAC invalid', 'MAC 无效'),
  exact(0x9303, 'error', 'spec', 'application permanently blocked', '应用已被永久锁定'),
  exact(0x9401, 'error', 'pboc', 'insufficient balance', '金额不足'),
  exact(0x9403, 'error', 'pboc', 'key index not supported', '密钥索引不支持'),
  exact(0x9406, 'error', 'pboc', 'required MAC not available', '所需 MAC 不可用'),
];

const BY_SW = new Map<number, SwEntry>(EXACT.map((e) => [e.value, e]));

function findEntry(sw: number): SwEntry | undefined {
  const e = BY_SW.get(sw);
  if (e) return e;
  for (const p of PARAMETERISED) if ((sw & p.mask) === p.value) return p;
  return undefined;
}

/** Category of a status word outside the dictionary, from SW1 alone (ISO 7816-4 table 5). */
function categoryOfSw1(sw1: number): SwCategory {
  if (sw1 === 0x90 || sw1 === 0x61) return 'ok';
  if (sw1 === 0x62 || sw1 === 0x63) return 'warning';
  return 'error';
}

/** Describes any 16-bit status word; unknown ones get a category from SW1. Throws on non-SWs. */
export function describeSw(sw: number): SwDescription {
  if (!Number.isInteger(sw) || sw < 0 || sw > 0xffff)
    throw new ApduError('bad-sw', `not a status word: ${sw}`);
  const e = findEntry(sw);
  if (!e) {
    const category = categoryOfSw1(sw >> 8);
    return {
      sw,
      pattern: '????',
      category,
      en: `unknown status word ${hexWord(sw)}`,
      zh: `未知状态字 ${hexWord(sw)}`,
      known: false,
      source: null,
    };
  }
  const param = sw & ~e.mask & 0xffff;
  return {
    sw,
    pattern: e.pattern,
    category: e.category,
    en: e.en(param),
    zh: e.zh(param),
    known: true,
    source: e.source,
  };
}

/** Whether the dictionary knows this status word (exactly or through a parameterised form). */
export function isKnownSw(sw: number): boolean {
  return Number.isInteger(sw) && sw >= 0 && sw <= 0xffff && findEntry(sw) !== undefined;
}

/** Every dictionary pattern ("9000", "61xx", …), for listings and tests. */
export function statusWordPatterns(): string[] {
  return [...EXACT, ...PARAMETERISED].map((e) => e.pattern);
}

/** The status words the card of spec 02-commands may answer (its closing list), with 12-payment's passbook ones. */
export const CARD_STATUS_WORD_PATTERNS: readonly string[] = [
  '9000',
  '61xx',
  '6281',
  '6283',
  '63Cx',
  '6581',
  '6700',
  '6881',
  '6981',
  '6982',
  '6983',
  '6984',
  '6985',
  '6986',
  '6987',
  '6988',
  '6A80',
  '6A81',
  '6A82',
  '6A83',
  '6A84',
  '6A86',
  '6A88',
  '6B00',
  '6Cxx',
  '6D00',
  '6E00',
  '6F00',
  '6901',
  '9302',
  '9303',
  '9401',
  '9403',
  '9406',
];

/** Parses "63C3", "0x9000", "90 00" into a number; ApduError('bad-sw') otherwise. */
export function parseSw(text: string): number {
  const clean = text.trim().replace(/^0x/i, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]{4}$/.test(clean))
    throw new ApduError('bad-sw', `not a status word (4 hex digits): "${text.slice(0, 40)}"`);
  return Number.parseInt(clean, 16);
}

/** "9000" */
export function formatSw(sw: number): string {
  return hexWord(sw);
}
