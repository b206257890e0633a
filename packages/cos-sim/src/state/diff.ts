/**
 * What changed between two images, as a list of paths (DFs and EFs named by FID, keys by id
 * and type) with the old and new value. Key values and the data of EFs whose read rule is NEVER
 * (private keys) are never shown, only that they changed.
 */
import { hexByte, hexWord, sameBytes, toHex } from '@ssc-cos/apdu-codec';
import type { CardImage } from '../image/types.js';

export interface ImageDifference {
  path: string;
  before: string;
  after: string;
}

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  if (value instanceof Uint8Array) return toHex(value);
  return JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? toHex(v) : v));
}

function label(item: unknown, index: number): string {
  if (typeof item === 'object' && item !== null && !(item instanceof Uint8Array)) {
    const o = item as Record<string, unknown>;
    if (typeof o.fid === 'number' && typeof o.type === 'string') {
      return `${o.type === 'df' ? 'DF' : 'EF'}:${hexWord(o.fid)}`;
    }
    if (typeof o.id === 'number' && typeof o.type === 'string') return `key:${o.type}:${hexByte(o.id)}`;
  }
  return `[${index}]`;
}

export function diffImages(a: CardImage, b: CardImage): ImageDifference[] {
  const out: ImageDifference[] = [];
  const walk = (x: unknown, y: unknown, path: string, secret: boolean): void => {
    if (x === y) return; // shared by copy-on-write: nothing below changed
    if (x instanceof Uint8Array && y instanceof Uint8Array) {
      if (!sameBytes(x, y)) {
        out.push(
          secret
            ? { path, before: '(key value)', after: '(changed)' }
            : { path, before: show(x), after: show(y) },
        );
      }
      return;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      const keyed = (arr: unknown[]) => new Map(arr.map((item, i) => [label(item, i), item] as const));
      const mx = keyed(x);
      const my = keyed(y);
      for (const [k, vx] of mx) walk(vx, my.get(k), `${path}/${k}`, secret);
      for (const [k, vy] of my) if (!mx.has(k)) walk(undefined, vy, `${path}/${k}`, secret);
      return;
    }
    if (
      typeof x === 'object' &&
      x !== null &&
      typeof y === 'object' &&
      y !== null &&
      !(x instanceof Uint8Array) &&
      !(y instanceof Uint8Array)
    ) {
      const ox = x as Record<string, unknown>;
      const oy = y as Record<string, unknown>;
      const isKey = typeof ox.id === 'number' && 'value' in ox;
      // An EF nobody may read (rule NEVER: the PKI private keys, 11-pki) is as secret as a key.
      const isSecretEf =
        ox.type === 'transparent' && (ox.read as { kind?: string } | undefined)?.kind === 'NEVER';
      for (const k of new Set([...Object.keys(ox), ...Object.keys(oy)])) {
        const hidden = (isKey && k === 'value') || (isSecretEf && k === 'data');
        walk(ox[k], oy[k], path ? `${path}.${k}` : k, secret || hidden);
      }
      return;
    }
    if (secret) out.push({ path, before: '(key value)', after: '(changed)' });
    else out.push({ path, before: show(x), after: show(y) });
  };
  walk(a, b, '', false);
  return out;
}
