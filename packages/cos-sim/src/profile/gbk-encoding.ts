/**
 * Text → GBK bytes for the profile's gbk fields, as iconv-lite encodes it, without its start-up
 * cost where that is safe. iconv-lite builds all of its GBK tables on first use (~25 ms, a tenth
 * of a one-APDU `cos-sim exec`, whose profile has eight Chinese fields). Node's own decoder
 * (ICU's GBK) decodes all 23,940 two-byte codes in ~2 ms, which gives the table read backwards.
 * The two agree on every character of that table outside the Private Use Area (U+E000–U+F8FF),
 * bytes and round trip alike (test/profile/gbk-encoding.test.ts checks all of them), so text of
 * ASCII and such characters is encoded from Node's table; anything else (PUA, €, characters
 * outside the two-byte table, a Node built without full ICU) goes to iconv-lite, loaded then.
 */
import { createRequire } from 'node:module';

type Iconv = typeof import('iconv-lite');

/** The GBK two-byte area: lead bytes 81..FE, trail bytes 40..7E and 80..FE (190 per lead). */
const LEADS = 0xfe - 0x81 + 1;
const TRAILS = 190;

let table: string | null | undefined;

/** Every two-byte code decoded by Node, in code order; null when Node has no GBK decoder. */
function twoByteTable(): string | null {
  if (table !== undefined) return table;
  const codes = new Uint8Array(LEADS * TRAILS * 2);
  let i = 0;
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      codes[i++] = lead;
      codes[i++] = trail;
    }
  }
  try {
    const decoded = new TextDecoder('gbk', { fatal: true }).decode(codes);
    // One UTF-16 unit per code, or the positions would not be the codes.
    table = decoded.length === LEADS * TRAILS ? decoded : null;
  } catch {
    table = null;
  }
  return table;
}

let iconv: Iconv | undefined;

function iconvEncode(value: string): Uint8Array | null {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as Iconv;
  const bytes = iconv.encode(value, 'gbk');
  // iconv-lite silently substitutes '?' for what GBK cannot hold; refuse instead.
  return iconv.decode(bytes, 'gbk') === value ? new Uint8Array(bytes) : null;
}

const isPrivateUse = (code: number) => code >= 0xe000 && code <= 0xf8ff;

/** `value` in GBK (iconv-lite's bytes), or null when GBK cannot hold it. */
export function encodeGbk(value: string): Uint8Array | null {
  const codes = twoByteTable();
  if (codes === null) return iconvEncode(value);
  const out: number[] = [];
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const at = isPrivateUse(code) || char.length !== 1 ? -1 : codes.indexOf(char);
    if (at === -1) return iconvEncode(value);
    const trail = at % TRAILS;
    out.push(0x81 + Math.floor(at / TRAILS), trail < 0x3f ? 0x40 + trail : 0x41 + trail);
  }
  return Uint8Array.from(out);
}
