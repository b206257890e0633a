/**
 * Answer To Reset (ISO/IEC 7816-3 §8.2): TS, T0, interface bytes TAi/TBi/TCi/TDi, historical
 * bytes, TCK. Parse and build are inverse: buildAtr(parseAtr(x)) = x for every valid ATR.
 */
import { ApduError } from './errors.js';
import { hexByte } from './hex.js';

/** One group i of interface bytes; `protocol` is the T of TDi, present iff TDi is. */
export interface AtrInterfaceGroup {
  ta?: number;
  tb?: number;
  tc?: number;
  protocol?: number;
}

export interface Atr {
  /** 3B direct, 3F inverse convention. */
  convention: 'direct' | 'inverse';
  ts: number;
  t0: number;
  /** Groups 1, 2, … in order. */
  groups: AtrInterfaceGroup[];
  historical: Uint8Array;
  /** Check byte; null when absent (only T=0 offered). */
  tck: number | null;
  /** Protocols offered, in order of the TD bytes, without repeats or T=15; [0] when none is named. */
  protocols: number[];
}

export interface AtrSpec {
  convention?: 'direct' | 'inverse';
  groups?: AtrInterfaceGroup[];
  historical: Uint8Array;
}

const MAX_ATR = 33;

function bad(msg: string): never {
  throw new ApduError('bad-atr', msg);
}

/** Parses an ATR; ApduError('bad-atr') on a wrong TS, truncation, extra bytes or a wrong TCK. */
export function parseAtr(bytes: Uint8Array): Atr {
  if (bytes.length < 2) bad(`an ATR has at least 2 bytes (TS, T0), got ${bytes.length}`);
  if (bytes.length > MAX_ATR) bad(`an ATR has at most ${MAX_ATR} bytes, got ${bytes.length}`);
  const ts = bytes[0]!;
  if (ts !== 0x3b && ts !== 0x3f) bad(`TS must be 3B or 3F, got ${hexByte(ts)}`);
  const t0 = bytes[1]!;
  const k = t0 & 0x0f;
  const groups: AtrInterfaceGroup[] = [];
  const protocols: number[] = [];
  let y = t0 >> 4;
  let pos = 2;
  let needTck = false;
  const next = (what: string): number => {
    if (pos >= bytes.length) bad(`ATR truncated: ${what} missing`);
    return bytes[pos++]!;
  };
  for (let i = 1; ; i++) {
    const g: AtrInterfaceGroup = {};
    if (y & 1) g.ta = next(`TA${i}`);
    if (y & 2) g.tb = next(`TB${i}`);
    if (y & 4) g.tc = next(`TC${i}`);
    const hasTd = (y & 8) !== 0;
    if (hasTd) {
      const td = next(`TD${i}`);
      g.protocol = td & 0x0f;
      if (g.protocol !== 0) needTck = true;
      // T=15 announces global interface bytes, not a protocol (ISO 7816-3 §8.2.3).
      if (g.protocol !== 15 && !protocols.includes(g.protocol)) protocols.push(g.protocol);
      y = td >> 4;
    }
    // Group 1 always exists (it may be empty); later groups exist only when announced by TD.
    groups.push(g);
    if (!hasTd) break;
  }
  if (groups.length === 1 && Object.keys(groups[0]!).length === 0) groups.length = 0;
  if (pos + k > bytes.length)
    bad(`ATR truncated: ${k} historical bytes announced, ${bytes.length - pos} left`);
  const historical = bytes.subarray(pos, pos + k);
  pos += k;
  let tck: number | null = null;
  if (needTck) {
    tck = next('TCK');
    let x = 0;
    for (let i = 1; i < pos; i++) x ^= bytes[i]!;
    if (x !== 0) bad(`TCK wrong: XOR of T0..TCK is ${hexByte(x)}, not 00`);
  }
  if (pos !== bytes.length) bad(`${bytes.length - pos} byte(s) after the end of the ATR`);
  return {
    convention: ts === 0x3b ? 'direct' : 'inverse',
    ts,
    t0,
    groups,
    historical,
    tck,
    protocols: protocols.length ? protocols : [0],
  };
}

function checkByte(name: string, v: number | undefined): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 255)) bad(`${name} must be a byte, got ${v}`);
}

/**
 * Builds an ATR: T0's Y1 and K, each TDi's Y nibble and the TCK are computed. TDi is written
 * when group i has a protocol or a group follows it (protocol 0 then).
 */
export function buildAtr(spec: AtrSpec): Uint8Array {
  const groups = spec.groups ?? [];
  const hist = spec.historical;
  if (hist.length > 15) bad(`at most 15 historical bytes, got ${hist.length}`);
  const presence = (g: AtrInterfaceGroup | undefined, hasTd: boolean): number =>
    g === undefined
      ? 0
      : (g.ta !== undefined ? 1 : 0) |
        (g.tb !== undefined ? 2 : 0) |
        (g.tc !== undefined ? 4 : 0) |
        (hasTd ? 8 : 0);
  const hasTd = groups.map((g, i) => g.protocol !== undefined || i + 1 < groups.length);
  const out: number[] = [spec.convention === 'inverse' ? 0x3f : 0x3b];
  out.push((presence(groups[0], hasTd[0] ?? false) << 4) | hist.length);
  let needTck = false;
  groups.forEach((g, i) => {
    checkByte(`TA${i + 1}`, g.ta);
    checkByte(`TB${i + 1}`, g.tb);
    checkByte(`TC${i + 1}`, g.tc);
    if (g.ta !== undefined) out.push(g.ta);
    if (g.tb !== undefined) out.push(g.tb);
    if (g.tc !== undefined) out.push(g.tc);
    if (hasTd[i]) {
      const t = g.protocol ?? 0;
      if (!Number.isInteger(t) || t < 0 || t > 15) bad(`protocol must be 0–15, got ${t}`);
      if (t !== 0) needTck = true;
      out.push((presence(groups[i + 1], hasTd[i + 1] ?? false) << 4) | t);
    }
  });
  out.push(...hist);
  if (needTck) {
    let x = 0;
    for (let i = 1; i < out.length; i++) x ^= out[i]!;
    out.push(x);
  }
  if (out.length > MAX_ATR) bad(`ATR would be ${out.length} bytes, more than ${MAX_ATR}`);
  return Uint8Array.from(out);
}

/**
 * The same card's ATR for a T=1 chip: TA1/TB1/TC1 and the historical bytes kept, TD1 = 81
 * (T=1, TD2 follows), TD2 = 31 (T=1, TA3 and TB3 follow), TA3 = FE (IFSC 254), TB3 = 45 (BWI 4,
 * CWI 5: the usual values of T=1 smart cards), and the TCK every non-T=0 ATR needs. An ATR
 * that already offers T=1 is returned unchanged. Without T=1 in the ATR, pcscd negotiates
 * T=0 and a client asking for T=1 (`scriptor -p T=1`) cannot connect.
 */
export function atrOfferingT1(bytes: Uint8Array): Uint8Array {
  const atr = parseAtr(bytes);
  if (atr.protocols.includes(1)) return bytes.slice();
  const first = atr.groups[0] ?? {};
  const group1: AtrInterfaceGroup = {};
  if (first.ta !== undefined) group1.ta = first.ta;
  if (first.tb !== undefined) group1.tb = first.tb;
  if (first.tc !== undefined) group1.tc = first.tc;
  group1.protocol = 1;
  return buildAtr({
    convention: atr.convention,
    groups: [group1, { protocol: 1 }, { ta: 0xfe, tb: 0x45 }],
    historical: atr.historical,
  });
}

/** The fields of the historical bytes of the card and PSAM ATRs (01-card.md, 05-psam.md). */
export interface SscHistorical {
  kind: 'card' | 'psam';
  chipMaker: Uint8Array;
  /** Card: COS id, version, capacity (3 bytes); PSAM: ASCII "PSAM". */
  cos: Uint8Array;
  /** Card only. */
  cardMaker?: Uint8Array;
  serial: Uint8Array;
}

const PSAM_TAG = [0x50, 0x53, 0x41, 0x4d];

/** Reads the historical bytes in the layout of this project's card or PSAM; null for others. */
export function decodeSscHistorical(hist: Uint8Array): SscHistorical | null {
  if (hist.length === 12 && PSAM_TAG.every((b, i) => hist[2 + i] === b)) {
    return {
      kind: 'psam',
      chipMaker: hist.subarray(0, 2),
      cos: hist.subarray(2, 6),
      serial: hist.subarray(6, 12),
    };
  }
  if (hist.length === 13) {
    return {
      kind: 'card',
      chipMaker: hist.subarray(0, 2),
      cos: hist.subarray(2, 5),
      cardMaker: hist.subarray(5, 7),
      serial: hist.subarray(7, 13),
    };
  }
  return null;
}
