/**
 * The `passbook` property of a profile DF (12-payment.md, docs/payment.md):
 * `{ "balance": "00002710", "overdraftLimit": "000000" }` — the balance at issue (fen, b 4,
 * default 0) and the overdraft limit (b 3, default 0). Counters start at 0000 and the log empty.
 */
import type { PassbookState } from '../image/types.js';
import { ProfileError } from './errors.js';
import { asObject, asString, member, onlyKeys } from './json-reader.js';

function fixedHex(value: unknown, path: string, length: number): number {
  const text = asString(value, path);
  if (!new RegExp(`^[0-9A-Fa-f]{${2 * length}}$`).test(text))
    throw new ProfileError(path, `expected ${length} bytes as hex, got "${text}"`);
  return Number.parseInt(text, 16);
}

export function readPassbook(value: unknown, path: string, kind: 'card' | 'psam'): PassbookState {
  if (kind !== 'card') throw new ProfileError(path, 'only a card profile holds a passbook');
  const obj = asObject(value, path);
  onlyKeys(obj, path, ['balance', 'overdraftLimit']);
  return {
    balance: obj.balance === undefined ? 0 : fixedHex(obj.balance, member(path, 'balance'), 4),
    onlineCounter: 0,
    offlineCounter: 0,
    overdraftLimit:
      obj.overdraftLimit === undefined ? 0 : fixedHex(obj.overdraftLimit, member(path, 'overdraftLimit'), 3),
    lastProof: null,
  };
}
