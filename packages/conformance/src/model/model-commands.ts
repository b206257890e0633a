/**
 * The command alphabet of the model-based runs (fast-check `commands`). Each command builds
 * its APDU, asks the model what the card must answer, sends it, compares, then moves the
 * model on. Where the spec leaves the order of two checks open, the model allows both.
 */
import fc from 'fast-check';
import { concatBytes, hex4 } from '../bytes.js';
import { ruleAllows } from '../catalogue/access-rules.js';
import { readBinary, readRecord, selectFid } from '../catalogue/apdus.js';
import type { Channel, Reply } from '../channel/channel.js';
import { blockSizeOf, type EfDescription, pinBytes } from '../description/card-description.js';
import type { KeySource } from '../keys/key-source.js';
import { PsamError } from '../keys/psam-key-source.js';
import { type Expectation, expectationPattern, mismatch } from './expectation.js';
import { applicationBlocked, efKey, keyKey, type ModelState, resetSession } from './model-state.js';

export interface ModelReal {
  card: Channel;
  keys: KeySource;
  /** Each step with the model's expectation, to write a failing run as a vector. */
  steps: Array<{ command: Uint8Array | null; expect: string; note: string }>;
  /** Differential mode: record disagreements with the model instead of failing on them. */
  lenient?: boolean;
}

export class ModelMismatch extends Error {
  override readonly name = 'ModelMismatch';
}

type Cmd = fc.AsyncCommand<ModelState, ModelReal>;

const ANY_DATA_OK = (n: number | undefined): Expectation => ({
  sw: ['9000'],
  ...(n === undefined ? {} : { data: n }),
});

function status(...sw: string[]): Expectation {
  return { sw, data: null };
}

function tries(n: number): string {
  return `63C${n.toString(16).toUpperCase()}`;
}

function le(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

/** Sends, records the step, checks the reply; the caller then updates the model. */
async function step(r: ModelReal, label: string, apdu: Uint8Array, e: Expectation): Promise<Reply> {
  r.steps.push({ command: apdu, expect: expectationPattern(e), note: label });
  const reply = await r.card.send(apdu);
  const why = mismatch(reply, e);
  if (why !== null && !r.lenient) throw new ModelMismatch(`${label}: ${why}`);
  return reply;
}

/** Every command but GET CHALLENGE / GET RESPONSE consumes the challenge and pending data. */
function consume(m: ModelState): void {
  m.challenge = null;
  m.pending = null;
}

function efBySfi(m: ModelState, sfi: number): EfDescription | undefined {
  return m.currentDf.efs.find((e) => e.sfi === sfi);
}

/** SFIs a command may name in the current DF: its own, plus one that is absent. */
function sfiChoices(m: ModelState): number[] {
  return [...m.currentDf.efs.filter((e) => e.sfi !== null).map((e) => e.sfi!), 0x1d];
}

/** The SFI a generated index picks in the current DF, and the EF it names (undefined: absent). */
function pickSfi(m: ModelState, sfiIndex: number): { sfi: number; ef: EfDescription | undefined } {
  const sfis = sfiChoices(m);
  const sfi = sfis[sfiIndex % sfis.length]!;
  return { sfi, ef: efBySfi(m, sfi) };
}

/** The model's records of that EF (none for an absent or transparent file). */
function recordsOf(m: ModelState, ef: EfDescription | undefined): Uint8Array[] {
  return ef ? (m.records.get(efKey(m.currentDf, ef)) ?? []) : [];
}

/**
 * 02-commands §Order of checks 8 then 9: an unsatisfied rule answers 6982; a satisfied `+SM`
 * rule reached with a plain CLA answers 6987 (the model only sends plain commands); else null.
 */
function securityStatus(m: ModelState, ef: EfDescription, op: 'read' | 'write'): string | null {
  const rule = op === 'read' ? ef.read : ef.write;
  if (ruleAllows(rule, { pinVerified: m.pinVerified, authKeys: m.authKeys }) !== true) return '6982';
  return rule.sm ? '6987' : null;
}

// ---------------------------------------------------------------------------------------------

class SelectMf implements Cmd {
  constructor(readonly byName: boolean) {}
  check(): boolean {
    return true;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const name = m.card.mf.name;
    const apdu =
      this.byName && name
        ? concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, name.length), name)
        : selectFid(m.card.mf.fid);
    await selectDf(m, r, this.toString(), apdu, m.card.mf.fid);
  }
  toString(): string {
    return this.byName ? 'SELECT MF by name' : 'SELECT MF';
  }
}

class SelectChildDf implements Cmd {
  constructor(readonly index: number) {}
  check(m: Readonly<ModelState>): boolean {
    return m.currentDf === m.card.mf && this.index < m.card.mf.dfs.length;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const df = m.card.mf.dfs[this.index]!;
    await selectDf(m, r, this.toString(), selectFid(df.fid), df.fid);
  }
  toString(): string {
    return `SELECT child DF #${this.index}`;
  }
}

async function selectDf(
  m: ModelState,
  r: ModelReal,
  label: string,
  apdu: Uint8Array,
  fid: number,
): Promise<void> {
  consume(m);
  const target = fid === m.card.mf.fid ? m.card.mf : m.card.mf.dfs.find((d) => d.fid === fid)!;
  const blocked = m.lifecycle.get(fid) !== 'active' || m.lifecycle.get(m.card.mf.fid) !== 'active';
  const known = m.fci.get(fid);
  const t0 = m.card.transport === 'T0';
  let e: Expectation;
  if (blocked) e = t0 ? status('6283') : { sw: ['6283'] };
  else if (t0) e = status(known ? `61${le(known.length)}` : '61??');
  else e = known ? { sw: ['9000'], data: known } : { sw: ['9000'] };
  const reply = await step(r, label, apdu, e);
  m.currentDf = target;
  m.currentEf = null;
  m.authKeys.clear();
  if (reply.sw >> 8 === 0x61) m.pending = { length: reply.sw & 0xff, bytes: known ?? null, fromStart: true };
  else if (reply.sw === 0x9000 && !known) m.fci.set(fid, reply.data.slice());
}

class SelectEf implements Cmd {
  constructor(
    readonly index: number,
    readonly p1: number,
  ) {}
  check(m: Readonly<ModelState>): boolean {
    return !applicationBlocked(m as ModelState);
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    consume(m);
    const ef = m.currentDf.efs[this.index % (m.currentDf.efs.length + 1)];
    const fid = ef ? ef.fid : 0x1234;
    await step(r, `${this.toString()} → ${hex4(fid)}`, selectFid(fid, this.p1), status(ef ? '9000' : '6A82'));
    if (ef) m.currentEf = ef;
  }
  toString(): string {
    return `SELECT EF #${this.index} P1=${this.p1}`;
  }
}

type LeMode = 'zero' | 'exact' | 'short' | 'long';

class ReadRecordByNumber implements Cmd {
  constructor(
    readonly sfiIndex: number,
    readonly record: number,
    readonly leMode: LeMode,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const { sfi, ef } = pickSfi(m, this.sfiIndex);
    const records = recordsOf(m, ef);
    const rec = records[this.record - 1];
    const leByte = leFor(this.leMode, rec?.length ?? 0);
    const apdu = readRecord(this.record, sfi, 'number', leByte);
    consume(m);
    const e = recordExpectation(m, ef, rec, leByte, this.record > records.length);
    await step(r, `${this.toString()} (SFI ${sfi.toString(16)})`, apdu, e);
  }
  toString(): string {
    return `READ RECORD sfi#${this.sfiIndex} rec ${this.record} Le ${this.leMode}`;
  }
}

class ReadRecordByTag implements Cmd {
  constructor(
    readonly sfiIndex: number,
    readonly tagIndex: number,
    readonly last: boolean,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const { sfi, ef } = pickSfi(m, this.sfiIndex);
    const records = recordsOf(m, ef);
    const tags = [...new Set(records.map((x) => x[0]!)), 0x7e];
    const tag = tags[this.tagIndex % tags.length]!;
    const matching = records.filter((x) => x[0] === tag);
    const rec = this.last ? matching[matching.length - 1] : matching[0];
    // Identifier addressing of fixed/cyclic records is not defined by the spec: not generated.
    if (ef !== undefined && ef.kind !== 'variable' && ef.kind !== 'transparent') return;
    const e = recordExpectation(m, ef, rec, 0, rec === undefined);
    consume(m);
    await step(
      r,
      `${this.toString()} (SFI ${sfi.toString(16)}, tag ${tag.toString(16)})`,
      readRecord(tag, sfi, this.last ? 'last' : 'first', 0),
      e,
    );
  }
  toString(): string {
    return `READ RECORD sfi#${this.sfiIndex} tag#${this.tagIndex} ${this.last ? 'last' : 'first'}`;
  }
}

function leFor(mode: LeMode, length: number): number {
  switch (mode) {
    case 'zero':
      return 0;
    case 'exact':
      return length === 0 ? 0x10 : length;
    case 'short':
      return length <= 1 ? 0x01 : length - 1;
    case 'long':
      return Math.min(0xff, length + 1);
  }
}

/** 02-commands §Order of checks 6 → 7 → 8, then READ RECORD's Le rule. */
function recordExpectation(
  m: ModelState,
  ef: EfDescription | undefined,
  rec: Uint8Array | undefined,
  leByte: number,
  beyond: boolean,
): Expectation {
  if (applicationBlocked(m)) return status('6A81');
  if (ef === undefined) return status('6A82');
  if (ef.kind === 'transparent') return status('6981');
  if (beyond || rec === undefined) return status('6A83');
  const denied = securityStatus(m, ef, 'read');
  if (denied !== null) return status(denied);
  if (leByte !== 0 && leByte !== rec.length) return status(`6C${le(rec.length)}`);
  return { sw: ['9000'], data: rec };
}

class ReadBinaryBySfi implements Cmd {
  constructor(
    readonly sfiIndex: number,
    readonly offset: number,
    readonly le: number,
  ) {}
  check(m: Readonly<ModelState>): boolean {
    return m.currentDf.efs.some((e) => e.kind === 'transparent' && e.sfi !== null);
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const { sfi, ef } = pickSfi(m, this.sfiIndex);
    consume(m);
    let e: Expectation;
    if (applicationBlocked(m)) e = status('6A81');
    else if (ef === undefined) e = status('6A82');
    else if (ef.kind !== 'transparent') e = status('6981');
    else if (this.offset >= ef.size) e = status('6B00', '6982');
    else if (securityStatus(m, ef, 'read') !== null) e = status(securityStatus(m, ef, 'read')!);
    else {
      const left = ef.size - this.offset;
      if (this.le !== 0 && this.le > left) e = status(`6C${le(left)}`);
      else {
        const n = this.le === 0 ? Math.min(256, left) : this.le;
        const data = ef.data ? ef.data.slice(this.offset, this.offset + n) : new Uint8Array(n);
        e = { sw: ['9000'], data };
      }
    }
    await step(r, `${this.toString()} (SFI ${sfi.toString(16)})`, readBinary(sfi, this.offset, this.le), e);
  }
  toString(): string {
    return `READ BINARY sfi#${this.sfiIndex} @${this.offset} Le ${this.le}`;
  }
}

class UpdateRecordSameLength implements Cmd {
  constructor(
    readonly sfiIndex: number,
    readonly record: number,
    readonly flip: number,
  ) {}
  check(m: Readonly<ModelState>): boolean {
    return !m.protectCard;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const { sfi, ef } = pickSfi(m, this.sfiIndex);
    if (ef !== undefined && ef.kind !== 'variable') return; // UPDATE of cyclic/transparent: not in the alphabet
    const key = ef ? efKey(m.currentDf, ef) : '';
    const records = m.records.get(key) ?? [];
    const old = records[this.record - 1];
    const data = old ? old.slice() : Uint8Array.of(0x7e, 0x01, 0x00);
    if (data.length > 2) data[data.length - 1] = data[data.length - 1]! ^ (this.flip | 1);
    consume(m);
    let e: Expectation;
    if (applicationBlocked(m)) e = status('6A81');
    else if (ef === undefined) e = status('6A82');
    else if (old === undefined) e = status('6A83');
    else if (securityStatus(m, ef, 'write') !== null) e = status(securityStatus(m, ef, 'write')!);
    else e = status('9000');
    const apdu = concatBytes(Uint8Array.of(0x00, 0xdc, this.record, (sfi << 3) | 0b100, data.length), data);
    const reply = await step(r, `${this.toString()} (SFI ${sfi.toString(16)})`, apdu, e);
    if (reply.sw === 0x9000) {
      const next = [...records];
      next[this.record - 1] = data;
      m.records.set(key, next);
    }
  }
  toString(): string {
    return `UPDATE RECORD sfi#${this.sfiIndex} rec ${this.record}`;
  }
}

class GetChallenge implements Cmd {
  constructor(readonly length: number) {}
  check(): boolean {
    return true;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    consume(m);
    const allowed = m.card.challengeLengths.includes(this.length);
    const reply = await step(
      r,
      this.toString(),
      Uint8Array.of(0x00, 0x84, 0x00, 0x00, this.length),
      allowed ? ANY_DATA_OK(this.length) : status('6700'),
    );
    if (reply.sw === 0x9000) m.challenge = reply.data.slice();
  }
  toString(): string {
    return `GET CHALLENGE ${this.length}`;
  }
}

class ExternalAuthenticate implements Cmd {
  constructor(
    readonly keyIndex: number,
    readonly right: boolean,
  ) {}
  check(m: Readonly<ModelState>): boolean {
    if (!m.protectCard || this.right) return true;
    const ids = [...m.currentDf.keys.filter((k) => k.role === 'external-auth').map((k) => k.id), 0x0a];
    const id = ids[this.keyIndex % ids.length]!;
    return (m.keyTries.get(keyKey(m.currentDf, id)) ?? 0) > 2 || !m.currentDf.keys.some((k) => k.id === id);
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const df = m.currentDf;
    const ids = [...df.keys.filter((k) => k.role === 'external-auth').map((k) => k.id), 0x0a];
    const id = ids[this.keyIndex % ids.length]!;
    const key = df.keys.find((k) => k.id === id && k.role === 'external-auth');
    const bs = blockSizeOf(m.card);
    const x = new Uint8Array(bs).fill(0x5a);
    const challenge = m.challenge;
    let c: Uint8Array | null = null;
    if (this.right && key !== undefined && challenge !== null && r.keys.has(key)) {
      try {
        c = await r.keys.sessionCryptogram(key, challenge, x);
      } catch (e) {
        // A PSAM without this key (06-keys: its own zones only): send a wrong cryptogram instead.
        if (!(e instanceof PsamError && e.sw === 0x6a88)) throw e;
      }
    }
    const canCompute = c !== null;
    c ??= new Uint8Array(bs).fill(0xc3);
    const left = key ? (m.keyTries.get(keyKey(df, id)) ?? 0) : 0;
    consume(m);
    let e: Expectation;
    if (applicationBlocked(m)) e = status('6A81');
    else if (key === undefined) e = status('6A88');
    else if (left === 0) e = status('6983');
    else if (challenge === null) e = status('6984');
    else if (canCompute) e = status('9000');
    else e = status(tries(left - 1));
    const apdu = concatBytes(Uint8Array.of(0x00, 0x82, 0x00, id, 2 * bs), c, x);
    const reply = await step(r, `${this.toString()} → key ${id.toString(16)}`, apdu, e);
    if (key === undefined) return;
    if (reply.sw === 0x9000) {
      m.authKeys.add(id);
      m.keyTries.set(keyKey(df, id), key.tries);
    } else if (reply.sw >> 4 === 0x63c) m.keyTries.set(keyKey(df, id), left - 1);
  }
  toString(): string {
    return `EXTERNAL AUTHENTICATE key#${this.keyIndex} ${this.right ? 'right' : 'wrong'}`;
  }
}

/** GET CHALLENGE then EXTERNAL AUTHENTICATE: by chance alone the pair would be rare. */
class ChallengeAndAuthenticate implements Cmd {
  private readonly challenge: GetChallenge;
  private readonly authenticate: ExternalAuthenticate;
  constructor(
    readonly length: number,
    readonly keyIndex: number,
    readonly right: boolean,
  ) {
    this.challenge = new GetChallenge(length);
    this.authenticate = new ExternalAuthenticate(keyIndex, right);
  }
  check(m: Readonly<ModelState>): boolean {
    return this.authenticate.check(m);
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    await this.challenge.run(m, r);
    await this.authenticate.run(m, r);
  }
  toString(): string {
    return `${this.challenge} + ${this.authenticate}`;
  }
}

class Verify implements Cmd {
  constructor(readonly kind: 'right' | 'wrong' | 'empty') {}
  check(m: Readonly<ModelState>): boolean {
    return !(m.protectCard && this.kind === 'wrong' && m.pinTries <= 2);
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const digits = m.card.pin.digits;
    const wrong = digits.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
    const pin = pinBytes(this.kind === 'right' ? digits : wrong);
    const apdu =
      this.kind === 'empty'
        ? Uint8Array.of(0x00, 0x20, 0x00, 0x00)
        : concatBytes(Uint8Array.of(0x00, 0x20, 0x00, 0x00, pin.length), pin);
    consume(m);
    let e: Expectation;
    if (applicationBlocked(m)) e = status('6A81');
    else if (m.pinTries === 0) e = status('6983');
    else if (this.kind === 'empty') e = status(tries(m.pinTries));
    else if (this.kind === 'right') e = status('9000');
    else e = status(tries(m.pinTries - 1));
    const reply = await step(r, this.toString(), apdu, e);
    if (reply.sw === 0x9000) {
      m.pinTries = m.card.pin.tries;
      m.pinVerified = true;
    } else if (this.kind === 'wrong' && reply.sw >> 4 === 0x63c) {
      m.pinTries--;
      m.pinVerified = false;
    }
  }
  toString(): string {
    return `VERIFY ${this.kind}`;
  }
}

class GetResponse implements Cmd {
  constructor(readonly le: number) {}
  check(m: Readonly<ModelState>): boolean {
    return m.card.transport === 'T0';
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    const pending = m.pending;
    m.challenge = null;
    let e: Expectation;
    if (pending === null) e = applicationBlocked(m) ? status('6985', '6A81') : status('6985');
    else if (this.le === 0 || this.le >= pending.length)
      e = { sw: ['9000'], data: pending.bytes ?? pending.length };
    else
      e = {
        sw: [`61${le(pending.length - this.le)}`],
        data: pending.bytes ? pending.bytes.slice(0, this.le) : this.le,
      };
    // A 61yy answer carries data here (the part fetched): check it by hand, mismatch() would refuse it.
    r.steps.push({
      command: Uint8Array.of(0x00, 0xc0, 0x00, 0x00, this.le),
      expect: expectationPattern(e),
      note: this.toString(),
    });
    const reply = await r.card.send(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, this.le));
    const partial = reply.sw >> 8 === 0x61;
    const why = partial ? partialMismatch(reply, e) : mismatch(reply, e);
    if (why !== null && !r.lenient) throw new ModelMismatch(`${this.toString()}: ${why}`);
    if (pending !== null && !partial && reply.sw === 0x9000 && pending.bytes === null && pending.fromStart) {
      m.fci.set(m.currentDf.fid, reply.data.slice());
    }
    if (partial && pending !== null) {
      const rest = pending.bytes ? pending.bytes.slice(this.le) : null;
      m.pending = { length: pending.length - this.le, bytes: rest, fromStart: false };
    } else m.pending = null;
  }
  toString(): string {
    return `GET RESPONSE ${this.le}`;
  }
}

function partialMismatch(reply: Reply, e: Expectation): string | null {
  if (!e.sw.some((p) => p.slice(0, 2) === '61' && p.slice(2) === hex4(reply.sw).slice(2)))
    return `SW ${hex4(reply.sw)}, expected ${e.sw.join(' or ')}`;
  const want = e.data;
  if (typeof want === 'number')
    return reply.data.length === want ? null : `${reply.data.length} bytes, expected ${want}`;
  if (want instanceof Uint8Array)
    return Buffer.compare(reply.data, want) === 0 ? null : 'partial data differs';
  return null;
}

class Reset implements Cmd {
  check(): boolean {
    return true;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    r.steps.push({ command: null, expect: '', note: 'reset' });
    await r.card.reset();
    resetSession(m);
  }
  toString(): string {
    return 'RESET';
  }
}

/** INS values 02-commands.md does not define (and that are not T=0 procedure bytes). */
const UNKNOWN_INS = [0x02, 0x10, 0x44, 0xca, 0xf2, 0x26];
const CLAS = [0x00, 0x80, 0x04, 0x84, 0xa0, 0x01, 0x83, 0x10];

class Garbage implements Cmd {
  constructor(
    readonly cla: number,
    readonly ins: number,
    readonly tail: Uint8Array,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: ModelState, r: ModelReal): Promise<void> {
    consume(m);
    const base = this.cla & 0xfc;
    const claOk = base === 0x00 || base === 0x80 || base === 0x04 || base === 0x84;
    // 02-commands: CLA → 6E00, channel bits → 6881, INS → 6D00, in that order.
    const sw = !claOk ? '6E00' : (this.cla & 0x03) !== 0 ? '6881' : '6D00';
    const apdu = concatBytes(Uint8Array.of(this.cla, this.ins, 0x00, 0x00), this.tail);
    await step(r, this.toString(), apdu, status(sw));
  }
  toString(): string {
    return `GARBAGE ${hex4((this.cla << 8) | this.ins)}+${this.tail.length}`;
  }
}

// ---------------------------------------------------------------------------------------------

/** Short APDU tails of any length but a consistent shape (Le only, or Lc ‖ data). */
const tailArb = fc.oneof(
  fc.constant(new Uint8Array(0)),
  fc.integer({ min: 0, max: 255 }).map((n) => Uint8Array.of(n)),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((d) => concatBytes(Uint8Array.of(d.length), d)),
);

export function modelCommandArbitraries(): Array<fc.Arbitrary<Cmd>> {
  return [
    fc.boolean().map((b) => new SelectMf(b)),
    fc.integer({ min: 0, max: 5 }).map((i) => new SelectChildDf(i)),
    fc.tuple(fc.nat(8), fc.constantFrom(0x00, 0x02)).map(([i, p1]) => new SelectEf(i, p1)),
    fc
      .tuple(
        fc.nat(8),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<LeMode>('zero', 'exact', 'short', 'long'),
      )
      .map(([s, n, l]) => new ReadRecordByNumber(s, n, l)),
    fc.tuple(fc.nat(8), fc.nat(10), fc.boolean()).map(([s, t, last]) => new ReadRecordByTag(s, t, last)),
    fc
      .tuple(fc.nat(8), fc.constantFrom(0, 1, 100, 255), fc.constantFrom(0, 1, 16))
      .map(([s, o, l]) => new ReadBinaryBySfi(s, o, l)),
    fc
      .tuple(fc.nat(8), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 255 }))
      .map(([s, n, f]) => new UpdateRecordSameLength(s, n, f)),
    fc.constantFrom(4, 8, 16, 5).map((n) => new GetChallenge(n)),
    fc.tuple(fc.nat(6), fc.boolean()).map(([k, right]) => new ExternalAuthenticate(k, right)),
    fc
      .tuple(fc.constantFrom(4, 8, 16), fc.nat(6), fc.boolean())
      .map(([n, k, right]) => new ChallengeAndAuthenticate(n, k, right)),
    fc.constantFrom<'right' | 'wrong' | 'empty'>('right', 'wrong', 'empty').map((k) => new Verify(k)),
    fc.constantFrom(0, 4, 0xff).map((n) => new GetResponse(n)),
    fc.constant(new Reset()),
    fc
      .tuple(fc.constantFrom(...CLAS), fc.constantFrom(...UNKNOWN_INS), tailArb)
      .map(([c, i, t]) => new Garbage(c, i, t)),
  ];
}
