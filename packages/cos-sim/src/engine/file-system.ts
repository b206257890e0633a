/**
 * Finding files in the tree (01-card.md "File tree"): children of the current DF by FID or
 * SFI, DFs by FID or by name, and the FCI a DF answers to SELECT.
 */
import { concatBytes, sameBytes } from '@ssc-cos/apdu-codec';
import type { DedicatedFile, ElementaryFile, FileNode } from '../image/types.js';

export function childByFid(df: DedicatedFile, fid: number): FileNode | undefined {
  const children = df.children;
  for (let i = 0; i < children.length; i++) if (children[i]!.fid === fid) return children[i];
  return undefined;
}

export function efBySfi(df: DedicatedFile, sfi: number): ElementaryFile | undefined {
  const children = df.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.type !== 'df' && c.sfi === sfi) return c;
  }
  return undefined;
}

/** Depth-first search of a DF with this name; returns its chain from the MF. */
export function dfPathByName(mf: DedicatedFile, name: Uint8Array): DedicatedFile[] | undefined {
  const walk = (df: DedicatedFile, path: DedicatedFile[]): DedicatedFile[] | undefined => {
    if (df.name !== null && sameBytes(df.name, name)) return path;
    if (df.otherNames?.some((n) => sameBytes(n, name))) return path;
    for (const c of df.children) {
      if (c.type === 'df') {
        const found = walk(c, [...path, c]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(mf, [mf]);
}

/** BER-TLV with a definite length (short or 81/82 long form). */
function tlv(tag: number, value: Uint8Array): Uint8Array {
  const n = value.length;
  const lengthBytes = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  const out = new Uint8Array(1 + lengthBytes.length + n);
  out[0] = tag;
  out.set(lengthBytes, 1);
  out.set(value, 1 + lengthBytes.length);
  return out;
}

/**
 * FCI of a DF (01-card.md "SELECT answer"): `6F { 84 name (if any), A5 proprietary }`, or the
 * exact bytes a vendor profile gives (02-commands §v2 "FCI template").
 */
export function dfFci(df: DedicatedFile): Uint8Array {
  if (df.fci !== undefined) return df.fci;
  const parts: Uint8Array[] = [];
  if (df.name !== null) parts.push(tlv(0x84, df.name));
  parts.push(tlv(0xa5, df.fciProprietary));
  return tlv(0x6f, concatBytes(...parts));
}
