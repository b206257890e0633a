/**
 * Small typed readers for untrusted JSON: each takes the value and its JSON path and either
 * returns the typed value or throws ProfileError("<path>: <reason>").
 */
import { ProfileError } from './errors.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Path of a member: `a.b`, or `a` when the parent is the root. */
export function member(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function element(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProfileError(path, `expected an object, got ${describe(value)}`);
  }
  return value as JsonObject;
}

export function asArray(value: unknown, path: string): Json[] {
  if (!Array.isArray(value)) throw new ProfileError(path, `expected an array, got ${describe(value)}`);
  return value as Json[];
}

export function asString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ProfileError(path, `expected a string, got ${describe(value)}`);
  return value;
}

export function asInteger(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ProfileError(path, `expected an integer, got ${describe(value)}`);
  }
  if (value < min || value > max) throw new ProfileError(path, `expected ${min}..${max}, got ${value}`);
  return value;
}

export function asEnum<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ProfileError(
      path,
      `expected one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${describe(value)}`,
    );
  }
  return value as T;
}

/** A byte written as two hex digits, e.g. "0F". */
export function asHexByte(value: unknown, path: string): number {
  if (typeof value !== 'string' || !/^[0-9A-Fa-f]{2}$/.test(value)) {
    throw new ProfileError(path, `expected one byte as two hex digits, got ${describe(value)}`);
  }
  return Number.parseInt(value, 16);
}

/** A 2-byte file identifier written as four hex digits, e.g. "EF05". */
export function asFid(value: string, path: string): number {
  if (!/^[0-9A-Fa-f]{4}$/.test(value))
    throw new ProfileError(path, `expected a FID of four hex digits, got "${value}"`);
  return Number.parseInt(value, 16);
}

/** Hex bytes; spaces between digits allowed. */
export function asHexBytes(value: unknown, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): Uint8Array {
  const text = asString(value, path).replace(/\s/g, '');
  if (text.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(text)) {
    throw new ProfileError(path, `expected hex bytes, got ${describe(value)}`);
  }
  const bytes = Uint8Array.from({ length: text.length / 2 }, (_, i) =>
    Number.parseInt(text.slice(i * 2, i * 2 + 2), 16),
  );
  if (bytes.length < min || bytes.length > max) {
    const want = min === max ? `${min}` : `${min}..${max}`;
    throw new ProfileError(path, `expected ${want} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** Throws on members not in `allowed` (typos must not pass silently). */
export function onlyKeys(obj: JsonObject, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw new ProfileError(member(path, key), 'unknown property');
  }
}
