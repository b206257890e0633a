/**
 * The card's observable state (08-conformance §Against a real card): PIN tries, the lifecycle
 * of every DF, and the contents of every file the suite can read — read before and after a
 * run, so the report can say "card left as found" or list what differs. Reading spends no
 * try: VERIFY without data for the counter, the right PIN, and cryptograms from the key
 * source only for keys pre-flight proved it serves (a right cryptogram restores a key's
 * counter, it never spends one).
 */
import { hexByte, toHex } from '@ssc-cos/apdu-codec';
import { selectFid } from '../apdus.js';
import { concatBytes, hexWord } from '../bytes.js';
import type { Channel } from '../channel/channel.js';
import {
  allDfs,
  blockSizeOf,
  type CardDescription,
  type DfDescription,
  dfLabel,
  type EfDescription,
  pinBytes,
  SSSE_NAME,
} from '../description/card-description.js';
import type { SuiteKeys } from '../keys/suite-keys.js';
import { selectBelowMf } from './select-below-mf.js';

export interface CardState {
  /** PIN tries left (VERIFY without data), or "blocked". */
  pin: number | 'blocked';
  /** SELECT answer per DF ("9000", "6283" blocked, …), by its path label ("MF", "DF01", "DDF1/DF01"). */
  lifecycle: Record<string, string>;
  /** Per "DF01/EF05", "DDF1/DF01/0012": the records or binary bytes (hex), or why the suite could not read them. */
  files: Record<string, string[] | string>;
  /** Keys the suite authenticated while reading (their counters are at the maximum now). */
  keysAtMaximum: string[];
}

/** A file's id in `CardState.files`: its DF's label and its FID ("DF01/EF05", "MF/EF05"). */
export function fileId(mf: DfDescription, df: DfDescription, ef: EfDescription): string {
  return `${dfLabel(mf, df)}/${hexWord(ef.fid)}`;
}

/** Resets, SELECTs the SSSE by name, then each DF down to `df`; the last SELECT's SW. */
async function selectPath(card: Channel, mf: DfDescription, df: DfDescription): Promise<number> {
  await card.reset();
  const sw = (await card.exchange(concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 15), SSSE_NAME))).sw;
  // An MF that does not answer 9000 (blocked, absent) is what every DF below it answers too.
  if (sw !== 0x9000) return sw;
  return (await selectBelowMf(card, mf, df))?.reply.sw ?? sw;
}

/** Satisfies an EF's read rule with what the suite has; returns why it cannot, or null. */
async function openForRead(
  card: Channel,
  keys: SuiteKeys,
  description: CardDescription,
  df: DfDescription,
  ef: EfDescription,
  pinUsable: boolean,
  authenticated: Set<string>,
): Promise<string | null> {
  const rule = ef.read;
  if (rule.sm) return 'not read (+SM rule)';
  if (rule.kind === 'NEVER' || rule.kind === 'FMCOS') return `not read (${rule.kind} rule)`;
  const verify = async (): Promise<boolean> => {
    if (!pinUsable) return false;
    const pin = pinBytes(description.pin.digits);
    return (
      (await card.send(concatBytes(Uint8Array.of(0x00, 0x20, 0x00, 0x00, pin.length), pin))).sw === 0x9000
    );
  };
  const authenticate = async (id: number): Promise<boolean> => {
    const key = df.keys.find((k) => k.id === id && k.role === 'external-auth');
    if (!key || !keys.has(key)) return false;
    const bs = blockSizeOf(description);
    const challenge = await card.send(Uint8Array.of(0x00, 0x84, 0x00, 0x00, bs === 16 ? 16 : 8));
    if (challenge.sw !== 0x9000) return false;
    const x = new Uint8Array(bs).fill(0x5a);
    const c = await keys.sessionCryptogram(key, challenge.data, x);
    const ok =
      (await card.send(concatBytes(Uint8Array.of(0x00, 0x82, 0x00, id, c.length + x.length), c, x))).sw ===
      0x9000;
    if (ok) authenticated.add(`${dfLabel(description.mf, df)}/${hexByte(id)}`);
    return ok;
  };
  switch (rule.kind) {
    case 'FREE':
      return null;
    case 'PIN':
      return (await verify()) ? null : 'not read (needs the PIN)';
    case 'KEY':
      return (await authenticate(rule.key!)) ? null : `not read (needs key ${hexByte(rule.key!)})`;
    case 'PIN|KEY':
      return (await verify()) || (await authenticate(rule.key!)) ? null : 'not read (needs PIN or key)';
    case 'PIN+KEY':
      return (await verify()) && (await authenticate(rule.key!)) ? null : 'not read (needs PIN and key)';
  }
}

async function readFile(card: Channel, ef: EfDescription): Promise<string[] | string> {
  if (ef.kind === 'transparent') {
    const sel = await card.exchange(selectFid(ef.fid, 0x02));
    if (sel.sw !== 0x9000) return `SELECT answered ${hexWord(sel.sw)}`;
    let out = '';
    for (let offset = 0; offset < ef.size; ) {
      const n = Math.min(0xf0, ef.size - offset);
      const r = await card.exchange(Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, n));
      if (r.sw !== 0x9000) return `READ BINARY at ${offset} answered ${hexWord(r.sw)}`;
      out += toHex(r.data);
      offset += n;
    }
    return [out];
  }
  const records: string[] = [];
  for (let n = 1; n <= Math.max(ef.maxRecords, ef.records.length, 1) && n <= 254; n++) {
    const r = await card.exchange(Uint8Array.of(0x00, 0xb2, n, (ef.sfi! << 3) | 0b100, 0x00));
    if (r.sw === 0x6a83) break;
    if (r.sw >> 8 === 0x6c) {
      const again = await card.exchange(Uint8Array.of(0x00, 0xb2, n, (ef.sfi! << 3) | 0b100, r.sw & 0xff));
      if (again.sw !== 0x9000) return `READ RECORD ${n} answered ${hexWord(again.sw)}`;
      records.push(toHex(again.data));
      continue;
    }
    if (r.sw !== 0x9000) return `READ RECORD ${n} answered ${hexWord(r.sw)}`;
    records.push(toHex(r.data));
  }
  return records;
}

export async function readCardState(
  card: Channel,
  keys: SuiteKeys,
  description: CardDescription,
): Promise<CardState> {
  const mf = description.mf;
  await selectPath(card, mf, mf);
  const pinSw = (await card.send(Uint8Array.of(0x00, 0x20, 0x00, 0x00))).sw;
  const pin: CardState['pin'] = (pinSw & 0xfff0) === 0x63c0 ? pinSw & 0x0f : 'blocked';
  // Only a PIN at its maximum is verified: the right PIN then changes nothing at all.
  const pinUsable = pin === description.pin.tries;
  const lifecycle: Record<string, string> = {};
  const files: Record<string, string[] | string> = {};
  const authenticated = new Set<string>();
  for (const df of allDfs(description)) {
    const sw = await selectPath(card, mf, df);
    const label = dfLabel(mf, df);
    lifecycle[label] = sw >> 8 === 0x61 ? '9000' : hexWord(sw);
    for (const ef of df.efs) {
      const id = fileId(mf, df, ef);
      if (ef.sfi === null && ef.kind !== 'transparent') continue;
      if (lifecycle[label] !== '9000') {
        files[id] = `not read (DF answers ${lifecycle[label]})`;
        continue;
      }
      await selectPath(card, mf, df);
      const why = await openForRead(card, keys, description, df, ef, pinUsable, authenticated);
      files[id] = why ?? (await readFile(card, ef));
    }
  }
  await card.reset();
  return { pin, lifecycle, files, keysAtMaximum: [...authenticated].sort() };
}

/** What differs between two states, one line each ("PIN tries 5 → 4"); empty = left as found. */
export function stateDifferences(before: CardState, after: CardState): string[] {
  const out: string[] = [];
  if (before.pin !== after.pin) out.push(`PIN tries ${before.pin} → ${after.pin}`);
  for (const df of Object.keys(before.lifecycle))
    if (before.lifecycle[df] !== after.lifecycle[df])
      out.push(`${df} SELECT ${before.lifecycle[df]} → ${after.lifecycle[df] ?? 'absent'}`);
  for (const id of Object.keys(before.files)) {
    const a = before.files[id]!;
    const b = after.files[id];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (typeof a === 'string' || b === undefined || typeof b === 'string') {
      out.push(`${id}: ${typeof a === 'string' ? a : 'read'} → ${typeof b === 'string' ? b : 'read'}`);
      continue;
    }
    if (a.length !== b.length) out.push(`${id}: ${a.length} records → ${b.length}`);
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      if (a[i] !== b[i])
        out.push(
          `${id} ${a.length === 1 ? 'content' : `record ${i + 1}`}: ${a[i] ?? '(none)'} → ${b[i] ?? '(none)'}`,
        );
  }
  return out;
}
