/**
 * Coverage of commands × status words × file types a run reached (08-conformance §Reports).
 * A light observer follows SELECTs and SFIs against the card description to know which kind
 * of file each command touched; it never looks inside the target.
 */
import { statusWord } from '../bytes.js';
import { exchangeName, swClass } from '../channel/apdu-names.js';
import type { Exchange } from '../channel/trace.js';
import type { CardDescription, DfDescription } from '../description/card-description.js';

/** "command|sw|fileType" → count. */
export type CoverageTable = Record<string, number>;

export class CoverageTracker {
  readonly table: CoverageTable = {};
  private df: DfDescription;

  constructor(private readonly card: CardDescription) {
    this.df = card.mf;
  }

  observe = (entry: Exchange): void => {
    if (entry.device !== 'card') return;
    const command = entry.command;
    if (command === null) {
      this.df = this.card.mf;
      return;
    }
    const sw = statusWord(entry.response);
    const fileType = this.fileTypeOf(command, sw);
    const key = `${exchangeName(command)}|${swClass(sw)}|${fileType}`;
    this.table[key] = (this.table[key] ?? 0) + 1;
  };

  private fileTypeOf(c: Uint8Array, sw: number): string {
    const ins = c[1];
    const p1 = c[2] ?? 0;
    const p2 = c[3] ?? 0;
    if (ins === 0xa4 && c.length >= 7) {
      if (p1 === 0x04) {
        if (sw === 0x9000 || sw >> 8 === 0x61 || sw === 0x6283) this.df = this.card.mf;
        return 'DF';
      }
      const fid = (c[5]! << 8) | c[6]!;
      if (fid === this.card.mf.fid) {
        if (sw === 0x9000 || sw >> 8 === 0x61 || sw === 0x6283) this.df = this.card.mf;
        return 'DF';
      }
      const child = this.card.mf.dfs.find((d) => d.fid === fid);
      if (child) {
        if (sw === 0x9000 || sw >> 8 === 0x61 || sw === 0x6283) this.df = child;
        return 'DF';
      }
      return this.df.efs.find((e) => e.fid === fid)?.kind ?? 'absent';
    }
    let sfi: number | null = null;
    if ((ins === 0xb0 || ins === 0xd6) && (p1 & 0x80) !== 0) sfi = p1 & 0x1f;
    if ((ins === 0xb2 || ins === 0xdc || ins === 0xe2) && p2 >> 3 !== 0) sfi = p2 >> 3;
    if (sfi === null) return '-';
    return this.df.efs.find((e) => e.sfi === sfi)?.kind ?? 'absent';
  }
}

export function mergeCoverage(into: CoverageTable, from: CoverageTable): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}
