/**
 * What a case works with: traced channels to the card (and PSAM), the card description, a
 * key source, and the terminal steps every case needs (select, verify, authenticate, MAC).
 * Cases state expectations with `expect`, which fails with both the expected and the actual
 * status word; the runner adds the APDU trace.
 */
import { toHex } from '@ssc-cos/apdu-codec';
import { macInput, macIv } from '@ssc-cos/apdu-codec/crypto';
import { concatBytes, hexByte, hexWord, sameBytes } from '../bytes.js';
import type { Channel, ChannelReply } from '../channel/channel.js';
import type { Exchange } from '../channel/trace.js';
import {
  blockSizeOf,
  type CardDescription,
  type DfDescription,
  dfLabel,
  type EfDescription,
  findDf,
  type KeyDescription,
  keyOf,
  pinBytes,
  SSSE_NAME,
} from '../description/card-description.js';
import { isMissingPsamKey, type SuiteKeys } from '../keys/suite-keys.js';
import { type SwPattern, swMatches } from '../patterns.js';
import { selectBelowMf } from '../state/select-below-mf.js';
import type { Capabilities, Target } from '../targets/target.js';
import { CaseFailure, NotApplicable } from './case-errors.js';

export class Kit {
  /** The one block X the terminal sends in session-form EXTERNAL AUTHENTICATE. */
  readonly x: Uint8Array;

  readonly card: Channel;
  readonly psam: Channel | null;
  readonly description: CardDescription;
  readonly keys: SuiteKeys;
  readonly target: Target;
  readonly capabilities: Capabilities;
  /** Coverage observer of the run, for cases that open their own channels (model runs). */
  readonly observe: ((entry: Exchange) => void) | undefined;
  /** A trace the case wants shown instead of its channel's (e.g. a shrunk model run). */
  attachedTrace: Exchange[] | null = null;
  /** Irreversible changes are allowed: a fresh card can be made, or `--irreversible` was given. */
  readonly irreversibleAllowed: boolean;

  constructor(parts: {
    card: Channel;
    psam: Channel | null;
    description: CardDescription;
    keys: SuiteKeys;
    target: Target;
    observe?: (entry: Exchange) => void;
    /** `--irreversible`: irreversible changes allowed on a card that cannot be replaced. */
    irreversible?: boolean;
  }) {
    this.card = parts.card;
    this.psam = parts.psam;
    this.description = parts.description;
    this.keys = parts.keys;
    this.target = parts.target;
    this.capabilities = parts.target.capabilities;
    this.observe = parts.observe;
    this.irreversibleAllowed = parts.target.capabilities.freshCard || parts.irreversible === true;
    this.x = new Uint8Array(blockSizeOf(parts.description)).fill(0x5a);
  }

  /**
   * Undo steps for a card that cannot be replaced by a fresh one (real cards): run by the
   * runner after the case, last registered first.
   */
  readonly cleanups: Array<() => Promise<void>> = [];

  /** A card that cannot be replaced: every try spent must be proven restorable first. */
  get realCard(): boolean {
    return !this.capabilities.freshCard;
  }

  /** A step the card cannot undo: n/a on a real card unless `--irreversible` was given. */
  requireIrreversible(what: string): void {
    if (!this.irreversibleAllowed)
      throw new NotApplicable(
        `${what} cannot be undone on ${this.target.name}; runs only with --irreversible`,
      );
  }

  /**
   * Before spending PIN tries on a real card: the counter is full and the profile's PIN is the
   * card's (a right PIN spends nothing), so the right PIN can restore whatever is spent.
   */
  async provePinRestorable(): Promise<void> {
    if (!this.realCard) return;
    await this.selectMf();
    const left = await this.card.send('00200000');
    if (left.sw === 0x6983) throw new NotApplicable('the PIN is blocked: its tries cannot be restored');
    if (left.sw !== (0x63c0 | this.description.pin.tries))
      throw new NotApplicable(`the PIN counter is not full (VERIFY without data → ${hexWord(left.sw)})`);
    const sw = await this.verifyPin();
    if (sw !== 0x9000) this.fail(`the profile's PIN does not verify: ${hexWord(sw)}`);
    await this.card.reset();
  }

  /**
   * Before spending tries of an authentication key on a real card: the key source computes a
   * right cryptogram for it (which spends nothing and fills the counter), so it can restore them.
   */
  async proveKeyRestorable(df: DfDescription, id: number): Promise<KeyDescription> {
    const key = this.key(df, id);
    if (!this.realCard) return key;
    await this.selectDf(df);
    await this.authenticateOk(df, id);
    await this.card.reset();
    return key;
  }

  attachTrace(trace: Exchange[]): void {
    this.attachedTrace = trace;
  }

  get blockSize(): 8 | 16 {
    return blockSizeOf(this.description);
  }

  get mf(): DfDescription {
    return this.description.mf;
  }

  fail(message: string): never {
    throw new CaseFailure(message);
  }

  check(condition: boolean, message: string): void {
    if (!condition) throw new CaseFailure(message);
  }

  /** Sends and checks the status word against one pattern or any of several. */
  async expect(
    apdu: Uint8Array | string,
    sw: SwPattern | readonly SwPattern[],
    what: string,
  ): Promise<ChannelReply> {
    const reply = await this.card.send(apdu);
    const patterns = typeof sw === 'string' ? [sw] : sw;
    if (!patterns.some((p) => swMatches(reply.sw, p))) {
      this.fail(`${what}: expected ${patterns.join(' or ')}, got ${hexWord(reply.sw)}`);
    }
    return reply;
  }

  /** Sends, follows 61xx, requires 9000 and returns the data. */
  async ok(apdu: Uint8Array | string, what: string): Promise<Uint8Array> {
    const reply = await this.card.exchange(apdu);
    if (reply.sw !== 0x9000) this.fail(`${what}: expected 9000, got ${hexWord(reply.sw)}`);
    return reply.data;
  }

  expectBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
    if (!sameBytes(actual, expected)) {
      this.fail(`${what}: expected ${toHex(expected)}, got ${toHex(actual)}`);
    }
  }

  df(fid: number): DfDescription {
    const df = findDf(this.description, fid);
    if (!df) throw new NotApplicable(`the profile has no DF ${hexWord(fid)}`);
    return df;
  }

  ef(df: DfDescription, fid: number): EfDescription {
    const ef = df.efs.find((e) => e.fid === fid);
    if (!ef) throw new NotApplicable(`the profile has no EF ${hexWord(fid)} in DF ${hexWord(df.fid)}`);
    return ef;
  }

  key(df: DfDescription, id: number): KeyDescription {
    const key = keyOf(df, id);
    if (!key) throw new NotApplicable(`the profile has no key ${hexByte(id)} in DF ${hexWord(df.fid)}`);
    if (!this.keys.has(key))
      throw new NotApplicable(
        this.keys.kind === 'psam'
          ? `the PSAM does not serve key ${hexByte(id)} of DF ${hexWord(df.fid)} (pre-flight: INIT FOR DESCRYPT → 6A88)`
          : `no master key for key ${hexByte(id)} of DF ${hexWord(df.fid)}`,
      );
    return key;
  }

  /** SELECT by FID (follows 61xx). Returns the SW of the final exchange. */
  async select(fid: number): Promise<ChannelReply> {
    return this.card.exchange(Uint8Array.of(0x00, 0xa4, 0x00, 0x00, 0x02, fid >> 8, fid & 0xff));
  }

  async selectMf(): Promise<void> {
    await this.ok(
      concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, SSSE_NAME.length), SSSE_NAME),
      'SELECT SSSE by name',
    );
  }

  /**
   * Selects a DF that must answer 9000: a DF of the description down its path, a bare FID as a
   * DF of the MF (the fixed zones DF01..DF04 of the cases).
   */
  async selectDf(target: number | DfDescription): Promise<void> {
    if (target === 0x3f00 || target === this.mf) return this.selectMf();
    if (typeof target === 'number') {
      await this.selectMf();
      const r = await this.select(target);
      if (r.sw !== 0x9000) this.fail(`SELECT ${hexWord(target)}: expected 9000, got ${hexWord(r.sw)}`);
      return;
    }
    const r = await this.selectDown(target);
    if (r.sw !== 0x9000) this.fail(`SELECT ${dfLabel(this.mf, target)}: expected 9000, got ${hexWord(r.sw)}`);
  }

  /**
   * SELECTs the SSSE by name, then each DF down to `df` (not the MF) and returns the last answer.
   * Down the path, not by bare FID: a FID is unique among siblings only (DF01 vs DDF1/DF01). A DF
   * on the way that does not answer 9000 fails the case rather than go on in the wrong DF.
   */
  async selectDown(df: DfDescription): Promise<ChannelReply> {
    if (df === this.mf) throw new Error(`selectDown: ${hexWord(df.fid)} is not a DF below the MF`);
    await this.selectMf();
    const end = (await selectBelowMf(this.card, this.mf, df))!;
    if (end.at !== df)
      this.fail(
        `SELECT ${dfLabel(this.mf, end.at)} on the way to ${dfLabel(this.mf, df)}: got ${hexWord(end.reply.sw)}`,
      );
    return end.reply;
  }

  async challenge(length = this.challengeLength()): Promise<Uint8Array> {
    const r = await this.card.send(Uint8Array.of(0x00, 0x84, 0x00, 0x00, length));
    if (r.sw !== 0x9000 || r.data.length !== length)
      this.fail(`GET CHALLENGE ${length}: got ${hexWord(r.sw)} with ${r.data.length} bytes`);
    return r.data.slice();
  }

  /** The challenge length a terminal uses: one block when the card offers it, else 8. */
  challengeLength(): number {
    return this.description.challengeLengths.includes(this.blockSize) ? this.blockSize : 8;
  }

  /** Session-form EXTERNAL AUTHENTICATE command for `key` after challenge R. */
  async externalAuthApdu(key: KeyDescription, challenge: Uint8Array): Promise<Uint8Array> {
    const c = await this.keys.sessionCryptogram(key, challenge, this.x);
    return concatBytes(Uint8Array.of(0x00, 0x82, 0x00, key.id, c.length + this.x.length), c, this.x);
  }

  /** GET CHALLENGE + EXTERNAL AUTHENTICATE of key `id` of the current DF `df`; returns the SW. */
  async authenticate(df: DfDescription, id: number): Promise<number> {
    const key = this.key(df, id);
    const r = await this.challenge();
    return (await this.card.send(await this.externalAuthApdu(key, r))).sw;
  }

  async authenticateOk(df: DfDescription, id: number): Promise<void> {
    const sw = await this.authenticate(df, id);
    if (sw !== 0x9000)
      this.fail(
        `EXTERNAL AUTHENTICATE key ${hexByte(id)} of ${hexWord(df.fid)}: expected 9000, got ${hexWord(sw)}`,
      );
  }

  verifyApdu(digits: string): Uint8Array {
    const pin = pinBytes(digits);
    return concatBytes(Uint8Array.of(0x00, 0x20, 0x00, 0x00, pin.length), pin);
  }

  async verifyPin(digits = this.description.pin.digits): Promise<number> {
    return (await this.card.send(this.verifyApdu(digits))).sw;
  }

  /** A wrong PIN of the right length (each digit shifted by one). */
  wrongPin(): string {
    return this.description.pin.digits.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
  }

  /**
   * A line-protected command (CLA 84/04): GET CHALLENGE now, MAC over header ‖ data with key
   * `keyId` of `df` (04-crypto.md), returned ready to send as the next command.
   */
  async protectedApdu(
    df: DfDescription,
    keyId: number,
    header: readonly [number, number, number, number],
    data: Uint8Array = new Uint8Array(0),
    le?: number,
  ): Promise<Uint8Array> {
    const key = this.key(df, keyId);
    const r = await this.challenge();
    const [cla, ins, p1, p2] = header;
    const mac = await this.keys.lineMac(
      key,
      macIv(this.description.algorithm, r),
      macInput(cla, ins, p1, p2, data),
    );
    const apdu = concatBytes(Uint8Array.of(cla, ins, p1, p2, data.length + mac.length), data, mac);
    return le === undefined ? apdu : concatBytes(apdu, Uint8Array.of(le));
  }

  /** APPLICATION UNBLOCK of the current DF with its line-protection key (activation, 解挂). */
  async applicationUnblock(df: DfDescription): Promise<number> {
    return (await this.card.send(await this.protectedApdu(df, 0x03, [0x84, 0x18, 0x00, 0x00]))).sw;
  }

  /**
   * 03-security §v2: a wrong MAC spends a try of the key it was checked with and a right MAC
   * refills it. APPLICATION UNBLOCK of the current DF while it is active is a successful no-op,
   * so its right MAC under line key 03 restores that key's counter and changes nothing else.
   * Called before a case's first wrong MAC it also proves the way back (else n/a); a line key
   * the suite cannot compute leaves spent tries for good: such a case runs only with
   * --irreversible.
   */
  async restoreLineKey(df: DfDescription, proving = false): Promise<void> {
    let sw: number;
    try {
      sw = await this.applicationUnblock(df);
    } catch (e) {
      if (!proving || !isMissingPsamKey(e)) throw e;
      this.requireIrreversible(
        `a wrong MAC spends a try of line key 03 of ${hexWord(df.fid)}, which the key source cannot restore`,
      );
      return;
    }
    if (sw === 0x9000) return;
    if (proving)
      throw new NotApplicable(
        `line key 03 of ${hexWord(df.fid)} cannot restore its counter (APPLICATION UNBLOCK → ${hexWord(sw)})`,
      );
    this.fail(
      `restoring line key 03 of ${hexWord(df.fid)} (right-MAC APPLICATION UNBLOCK): expected 9000, got ${hexWord(sw)}`,
    );
  }

  /** Makes a DF issued temporarily blocked (DF04) usable, as a pharmacy's activation does. */
  async activate(df: DfDescription): Promise<void> {
    if (df.lifecycle !== 'temporarily-blocked') return;
    const r = await this.selectDown(df);
    if (r.sw !== 0x6283 && r.sw !== 0x9000)
      this.fail(`SELECT ${dfLabel(this.mf, df)} before activation: got ${hexWord(r.sw)}`);
    const sw = await this.applicationUnblock(df);
    if (sw !== 0x9000)
      this.fail(`activation (APPLICATION UNBLOCK of ${hexWord(df.fid)}): expected 9000, got ${hexWord(sw)}`);
    this.reblockAfter(df);
  }

  /** After the case, back to the issued state: APPLICATION BLOCK P2=00 of the DF (real cards). */
  reblockAfter(df: DfDescription): void {
    this.cleanups.push(async () => {
      await this.card.reset();
      await this.selectDown(df);
      const block = await this.protectedApdu(df, 0x03, [0x84, 0x1e, 0x00, 0x00]);
      await this.expect(block, ['9000', '6A81'], `re-block ${hexWord(df.fid)}`);
    });
  }
}
