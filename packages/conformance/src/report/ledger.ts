/**
 * A real card's deviation ledger (vectors/ledgers/<card>.txt): one known deviation per line,
 * `<case id>  <reason>`; `#` starts a comment. A listed case that fails is reported as a
 * deviation with its reason instead of a failure; a listed case that passes is reported as a
 * failure of the ledger ("stale entry"), so the ledger cannot silently hide fixed behaviour.
 */
import { readFileSync } from 'node:fs';

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
}

export type Ledger = ReadonlyMap<string, string>;

export function parseLedger(text: string, name: string): Ledger {
  const entries = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const m = /^(\S+)\s+(.+)$/.exec(line);
    if (!m) throw new LedgerError(`${name}:${i + 1}: expected "<case id> <reason>"`);
    if (entries.has(m[1]!)) throw new LedgerError(`${name}:${i + 1}: ${m[1]} listed twice`);
    entries.set(m[1]!, m[2]!);
  });
  return entries;
}

export function readLedger(path: string): Ledger {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new LedgerError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseLedger(text, path);
}
