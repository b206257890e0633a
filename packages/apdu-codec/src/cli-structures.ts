/** Text and JSON reports of ATRs and TLVs for `pnpm apdu atr|tlv` (the CLI's, not a library API). */
import { type Atr, decodeSscHistorical, parseAtr } from './atr.js';
import { type BerTlv, parseBerTlv } from './ber-tlv.js';
import { printableGbk } from './decoder.js';
import { hexByte, toHex } from './hex.js';
import { parseSimpleTlvList } from './simple-tlv.js';

export interface Report {
  json: unknown;
  text: string;
}

function tagHex(tag: number): string {
  const s = hexByte(tag);
  return s.length % 2 ? `0${s}` : s;
}

function valueText(value: Uint8Array): string {
  const text = printableGbk(value);
  return text === null ? toHex(value) : `${toHex(value)} "${text}"`;
}

export function atrReport(bytes: Uint8Array): Report {
  const atr: Atr = parseAtr(bytes);
  const ssc = decodeSscHistorical(atr.historical);
  const lines = [
    `TS ${hexByte(atr.ts)} (${atr.convention} convention)`,
    `T0 ${hexByte(atr.t0)} (${atr.historical.length} historical bytes)`,
  ];
  atr.groups.forEach((g, i) => {
    const parts: string[] = [];
    if (g.ta !== undefined) parts.push(`TA${i + 1}=${hexByte(g.ta)}`);
    if (g.tb !== undefined) parts.push(`TB${i + 1}=${hexByte(g.tb)}`);
    if (g.tc !== undefined) parts.push(`TC${i + 1}=${hexByte(g.tc)}`);
    if (g.protocol !== undefined) parts.push(`TD${i + 1} T=${g.protocol}`);
    lines.push(`group ${i + 1}: ${parts.length ? parts.join(' ') : '(empty)'}`);
  });
  lines.push(`historical ${toHex(atr.historical)}`);
  if (ssc) {
    const fields = [`chip maker ${toHex(ssc.chipMaker)}`, `COS ${toHex(ssc.cos)}`];
    if (ssc.cardMaker) fields.push(`card maker ${toHex(ssc.cardMaker)}`);
    fields.push(`serial ${toHex(ssc.serial)}`);
    lines.push(`  ${ssc.kind === 'card' ? 'social security card' : 'PSAM'} layout: ${fields.join(', ')}`);
  }
  lines.push(`TCK ${atr.tck === null ? 'absent' : `${hexByte(atr.tck)} (correct)`}`);
  lines.push(`protocols offered: ${atr.protocols.map((t) => `T=${t}`).join(', ')}`);
  const json = {
    convention: atr.convention,
    ts: atr.ts,
    t0: atr.t0,
    groups: atr.groups,
    historical: toHex(atr.historical),
    tck: atr.tck,
    protocols: atr.protocols,
    ssc: ssc && {
      kind: ssc.kind,
      chipMaker: toHex(ssc.chipMaker),
      cos: toHex(ssc.cos),
      ...(ssc.cardMaker ? { cardMaker: toHex(ssc.cardMaker) } : {}),
      serial: toHex(ssc.serial),
    },
  };
  return { json, text: lines.join('\n') };
}

interface TlvJson {
  tag: string;
  length: number;
  value?: string;
  children?: TlvJson[];
}

function berJson(t: BerTlv): TlvJson {
  return t.children
    ? { tag: tagHex(t.tag), length: t.value.length, children: t.children.map(berJson) }
    : { tag: tagHex(t.tag), length: t.value.length, value: toHex(t.value) };
}

function berLines(list: readonly BerTlv[], indent: string, out: string[]): void {
  for (const t of list) {
    if (t.children) {
      out.push(`${indent}${tagHex(t.tag)} (${t.value.length} bytes, constructed)`);
      berLines(t.children, `${indent}  `, out);
    } else {
      out.push(`${indent}${tagHex(t.tag)} (${t.value.length}) ${valueText(t.value)}`);
    }
  }
}

export function tlvReport(bytes: Uint8Array, simple: boolean): Report {
  if (simple) {
    const list = parseSimpleTlvList(bytes);
    return {
      json: list.map((t) => ({ tag: hexByte(t.tag), length: t.value.length, value: toHex(t.value) })),
      text: list.map((t) => `${hexByte(t.tag)} (${t.value.length}) ${valueText(t.value)}`).join('\n'),
    };
  }
  const list = parseBerTlv(bytes);
  const lines: string[] = [];
  berLines(list, '', lines);
  return { json: list.map(berJson), text: lines.join('\n') };
}
