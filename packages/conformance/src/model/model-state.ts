/**
 * The suite's abstract model of a card (08-conformance §Model-based properties): files,
 * records, PIN, key counters, security status, lifecycle, pending challenge and response.
 * Written from the spec only — it shares no code with cos-sim's engine.
 */
import { hexByte, hexWord } from '@ssc-cos/apdu-codec';
import type {
  CardDescription,
  DfDescription,
  EfDescription,
  KeyDescription,
  LifecycleDescription,
} from '../description/card-description.js';
import { allDfs } from '../description/card-description.js';

export interface ModelState {
  readonly card: CardDescription;
  /** Per DF: the DF description is the identity, never its FID (unique among siblings only; see keyKey). */
  lifecycle: Map<DfDescription, LifecycleDescription>;
  currentDf: DfDescription;
  currentEf: EfDescription | null;
  pinVerified: boolean;
  pinTries: number;
  authKeys: Set<number>;
  /** Tries left per key (see keyKey); null = not known (a real card's counters cannot be read). */
  keyTries: Map<KeyDescription, number | null>;
  /** Keys the key source can compute with, hence restore the counters of. */
  servable: ReadonlySet<KeyDescription>;
  /** The challenge the card gave for the next command (observed), or null. */
  challenge: Uint8Array | null;
  /** Bytes GET RESPONSE may fetch: known bytes, or only a length when the FCI is not modelled. */
  pending: { length: number; bytes: Uint8Array | null; fromStart: boolean } | null;
  /** Current record contents per record file (its description, which belongs to one DF). */
  records: Map<EfDescription, Uint8Array[]>;
  /** Record files whose contents the suite could not read from the card. */
  unknownRecords: Set<EfDescription>;
  /** FCI bytes seen per DF (the model learns them once, then requires them unchanged). */
  fci: Map<DfDescription, Uint8Array>;
  /**
   * A real card is not replaced between runs: no command may leave it changed for the next
   * run (no record writes, no counter brought below 2; spent tries are restored after the run).
   */
  protectCard: boolean;
}

/**
 * The key whose retry counter keyTries holds for key `id` of `df`: the one with that id and a
 * counter (DF04's key 01 is an external-authentication key with one and purchase keys without).
 * The key description itself is the counter's identity, not a FID: a DF FID is unique among
 * siblings only (ssc-3g cards have the zone DF01 under the SSSE and the PKI ADF DF01 under DDF1).
 */
export function keyKey(df: DfDescription, id: number): KeyDescription {
  const key = df.keys.find((k) => k.id === id && k.tries > 0) ?? df.keys.find((k) => k.id === id);
  if (key === undefined) throw new Error(`DF ${hexWord(df.fid)} has no key ${hexByte(id)}`);
  return key;
}

/**
 * What a real card holds at the start of a run, read from it (the profile's issued state is
 * not enough: earlier sessions may have changed records and counters).
 */
export interface StartingState {
  pinTries: number;
  /** Records per record file of the description; null = could not be read. */
  records: ReadonlyMap<EfDescription, Uint8Array[] | null>;
}

export function initialState(
  card: CardDescription,
  protectCard = false,
  servable: ReadonlySet<KeyDescription> = new Set(),
  start?: StartingState,
): ModelState {
  const lifecycle = new Map<DfDescription, LifecycleDescription>();
  const keyTries = new Map<KeyDescription, number | null>();
  const records = new Map<EfDescription, Uint8Array[]>();
  const unknownRecords = new Set<EfDescription>();
  for (const df of allDfs(card)) {
    lifecycle.set(df, df.lifecycle);
    for (const k of df.keys) if (k.tries > 0) keyTries.set(keyKey(df, k.id), protectCard ? null : k.tries);
    for (const ef of df.efs) {
      if (ef.kind === 'transparent') continue;
      const read = start?.records.get(ef);
      if (read === null) unknownRecords.add(ef);
      records.set(ef, read ? [...read] : [...ef.records]);
    }
  }
  return {
    card,
    lifecycle,
    currentDf: card.mf,
    currentEf: null,
    pinVerified: false,
    pinTries: start?.pinTries ?? card.pin.tries,
    authKeys: new Set(),
    keyTries,
    servable,
    challenge: null,
    pending: null,
    records,
    unknownRecords,
    fci: new Map(),
    protectCard,
  };
}

/** Reset: everything of the session goes, persistent memory stays (03-security.md). */
export function resetSession(m: ModelState): void {
  m.currentDf = m.card.mf;
  m.currentEf = null;
  m.pinVerified = false;
  m.authKeys.clear();
  m.challenge = null;
  m.pending = null;
}

/** Is the current DF, or the SSSE above it, blocked (02-commands §Order of checks 6)? */
export function modelApplicationBlocked(m: ModelState): boolean {
  return m.lifecycle.get(m.currentDf) !== 'active' || m.lifecycle.get(m.card.mf) !== 'active';
}
