/**
 * The command alphabet of the PKI PIN-state runs: ciphered VERIFY of either PIN (right or
 * wrong, with or without a fresh 16-byte challenge), the plain VERIFY of the cardholder PIN,
 * GET CHALLENGE 16, the tries query, blocking either PIN (a fresh card only), a signature (user PIN), a certificate UPDATE BINARY that
 * writes back the bytes it read (admin PIN), SELECT of the ADF and reset. Each command asks
 * the model for the status word, sends, compares, then moves the model on.
 */
import { cipheredPin } from '@ssc-cos/apdu-codec/crypto';
import { PKI_ADF_NAME, PKI_DDF_NAME, pinBcd } from '@ssc-cos/terminal';
import fc from 'fast-check';
import { concatBytes } from '../../bytes.js';
import type { ChannelReply } from '../../channel/channel.js';
import { triesSw } from '../../patterns.js';
import { type Expectation, expectationPattern, mismatch } from '../expectation.js';
import { ModelMismatch, type ModelReal, status } from '../step.js';
import type { PinCounter, PkiPinModel } from './pin-model.js';

export type PkiCmd = fc.AsyncCommand<PkiPinModel, ModelReal>;

/** Like step.ts's step, but follows 61xx (a T=0 card's case-4 data). */
async function pkiStep(r: ModelReal, label: string, apdu: Uint8Array, e: Expectation): Promise<ChannelReply> {
  r.steps.push({ command: apdu, expect: expectationPattern(e), note: label });
  const reply = await r.card.exchange(apdu);
  const why = mismatch(reply, e);
  if (why !== null && !r.lenient) throw new ModelMismatch(`${label}: ${why}`);
  return reply;
}

const selectByName = (name: Uint8Array): Uint8Array =>
  concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, name.length), name);

/** SELECT of the PKI DDF then ADF (after a reset, or at the start of a run). */
export async function openPkiAdf(m: PkiPinModel, r: ModelReal): Promise<void> {
  await pkiStep(r, 'SELECT PKI DDF', selectByName(PKI_DDF_NAME), { sw: ['9000'] });
  await selectAdf(m, r);
}

async function selectAdf(m: PkiPinModel, r: ModelReal): Promise<void> {
  m.challenge = null;
  await pkiStep(r, 'SELECT PKI ADF', selectByName(PKI_ADF_NAME), { sw: ['9000'] });
  // docs/pki.md: any DF selection clears the admin state (the ADF's security register).
  m.admin.verified = false;
}

const pinOf = (m: PkiPinModel, who: 'user' | 'admin'): PinCounter => (who === 'user' ? m.user : m.admin);

/** Each digit one more (mod 10): a wrong PIN of the same length. */
const wrongDigits = (digits: string): string => digits.replace(/\d/g, (d) => String((Number(d) + 1) % 10));

export class CipheredVerify implements PkiCmd {
  constructor(
    readonly who: 'user' | 'admin',
    readonly right: boolean,
    /** GET CHALLENGE 16 first (else whatever challenge is pending, maybe none: 6984). */
    readonly fresh: boolean,
  ) {}
  check(m: Readonly<PkiPinModel>): boolean {
    // A card that stays: a wrong try only while 2 are left, so a right VERIFY can refill it.
    return !(m.protectCard && !this.right && pinOf(m as PkiPinModel, this.who).tries <= 2);
  }
  async run(m: PkiPinModel, r: ModelReal): Promise<void> {
    if (this.fresh) await new GetChallenge16().run(m, r);
    const pin = pinOf(m, this.who);
    const digits = this.right ? pin.digits : wrongDigits(pin.digits);
    // Without a challenge the cryptogram is that of a zero R: the card must refuse it anyway.
    const challenge = m.challenge ?? new Uint8Array(16);
    const apdu = concatBytes(
      Uint8Array.of(0x00, 0x20, 0x01, this.who === 'user' ? 0x81 : 0x00, 0x10),
      cipheredPin(pinBcd(digits), challenge),
    );
    let e: Expectation;
    // 03-security: a blocked PIN answers 6983 before anything else is looked at.
    if (pin.tries === 0) e = status('6983');
    else if (m.challenge === null) e = status('6984');
    else if (this.right) e = status('9000');
    else e = status(triesSw(pin.tries - 1));
    const hadChallenge = m.challenge !== null;
    m.challenge = null; // consumed by the attempt, right or wrong
    const reply = await pkiStep(r, this.toString(), apdu, e);
    if (!hadChallenge || pin.tries === 0) return;
    if (reply.sw === 0x9000) {
      pin.tries = pin.max;
      pin.verified = true;
    } else if (reply.sw >> 4 === 0x63c) {
      pin.tries--;
      pin.verified = false;
    }
  }
  toString(): string {
    return `${this.fresh ? 'GET CHALLENGE 16 + ' : ''}VERIFY ${this.who} PIN ciphered ${this.right ? 'right' : 'wrong'}`;
  }
}

/**
 * Wrong ciphered VERIFYs until the counter is 0 (each answer predicted: 63Cx down to 63C0),
 * so the runs see 6983. Only on a card that is thrown away after the run.
 */
export class BlockPin implements PkiCmd {
  constructor(readonly who: 'user' | 'admin') {}
  check(m: Readonly<PkiPinModel>): boolean {
    return !m.protectCard;
  }
  async run(m: PkiPinModel, r: ModelReal): Promise<void> {
    const wrong = new CipheredVerify(this.who, false, true);
    do await wrong.run(m, r);
    while (pinOf(m, this.who).tries > 0);
  }
  toString(): string {
    return `BLOCK ${this.who} PIN`;
  }
}

/** The plain VERIFY of the cardholder PIN in the ADF: the same counter as the ciphered one. */
export class PlainVerify implements PkiCmd {
  constructor(readonly right: boolean) {}
  check(m: Readonly<PkiPinModel>): boolean {
    return !(m.protectCard && !this.right && m.user.tries <= 2);
  }
  async run(m: PkiPinModel, r: ModelReal): Promise<void> {
    m.challenge = null;
    const pin = pinBcd(this.right ? m.user.digits : wrongDigits(m.user.digits));
    const apdu = concatBytes(Uint8Array.of(0x00, 0x20, 0x00, 0x00, pin.length), pin);
    let e: Expectation;
    if (m.user.tries === 0) e = status('6983');
    else if (this.right) e = status('9000');
    else e = status(triesSw(m.user.tries - 1));
    const reply = await pkiStep(r, this.toString(), apdu, e);
    if (m.user.tries === 0) return;
    if (reply.sw === 0x9000) {
      m.user.tries = m.user.max;
      m.user.verified = true;
    } else if (reply.sw >> 4 === 0x63c) {
      m.user.tries--;
      m.user.verified = false;
    }
  }
  toString(): string {
    return `VERIFY user PIN plain ${this.right ? 'right' : 'wrong'}`;
  }
}

export class GetChallenge16 implements PkiCmd {
  check(): boolean {
    return true;
  }
  async run(m: PkiPinModel, r: ModelReal): Promise<void> {
    const reply = await pkiStep(r, this.toString(), Uint8Array.of(0x00, 0x84, 0x00, 0x00, 0x10), {
      sw: ['9000'],
      data: 16,
    });
    m.challenge = reply.sw === 0x9000 ? reply.data.slice() : null;
  }
  toString(): string {
    return 'GET CHALLENGE 16';
  }
}

/** VERIFY without data: the cardholder PIN's tries, none spent. */
export class TriesQuery implements PkiCmd {
  check(): boolean {
    return true;
  }
  async run(m: PkiPinModel, r: ModelReal): Promise<void> {
    m.challenge = null;
    await pkiStep(
      r,
      this.toString(),
      Uint8Array.of(0x00, 0x20, 0x00, 0x00),
      status(m.user.tries === 0 ? '6983' : triesSw(m.user.tries)),
    );
  }
  toString(): string {
    return 'VERIFY without data';
  }
}

/** 80 2A 9E 9A: needs the cardholder PIN; changes nothing on the card. */
export class Sign implements PkiCmd {
  check(): boolean {
    return true;
  }
  async run(m: PkiPinModel, r: ModelReal): Promise<void> {
    m.challenge = null;
    const apdu = concatBytes(
      Uint8Array.of(0x80, 0x2a, 0x9e, 0x9a, 0x20),
      new Uint8Array(32).fill(0x11),
      Uint8Array.of(0x00),
    );
    // 02-commands §Order of checks: the key reference (no pair: 6A88) before the security
    // status (6982). The model learns from the first answer whether the card has a pair.
    const pinSw = m.user.verified ? '9000' : '6982';
    let e: Expectation;
    if (m.signingPair === null) e = { sw: [pinSw, '6A88'] };
    else if (!m.signingPair) e = status('6A88');
    else e = m.user.verified ? { sw: ['9000'], data: 64 } : status('6982');
    const reply = await pkiStep(r, this.toString(), apdu, e);
    if (m.signingPair === null) {
      if (reply.sw === 0x9000 && reply.data.length !== 64 && !r.lenient)
        throw new ModelMismatch(`${this.toString()}: ${reply.data.length} bytes, not r ‖ s`);
      if (reply.sw === 0x6a88) m.signingPair = false;
      else if (reply.sw === 0x9000 || reply.sw === 0x6982) m.signingPair = true;
    }
  }
  toString(): string {
    return 'SIGN';
  }
}

/**
 * SELECT EF 0018, READ BINARY of its first bytes (free), UPDATE BINARY of the same bytes
 * (admin PIN): the certificate stays as it was, whoever answers.
 */
export class CertificateUpdate implements PkiCmd {
  constructor(readonly length: number) {}
  check(): boolean {
    return true;
  }
  async run(m: PkiPinModel, r: ModelReal): Promise<void> {
    m.challenge = null;
    // An EF selection is not a DF selection: the admin state stays.
    await pkiStep(r, 'SELECT EF 0018', Uint8Array.of(0x00, 0xa4, 0x02, 0x00, 0x02, 0x00, 0x18), {
      sw: ['9000'],
    });
    const read = await pkiStep(r, 'READ BINARY 0018', Uint8Array.of(0x00, 0xb0, 0x00, 0x00, this.length), {
      sw: ['9000'],
      data: this.length,
    });
    const apdu = concatBytes(Uint8Array.of(0x00, 0xd6, 0x00, 0x00, this.length), read.data);
    await pkiStep(
      r,
      `UPDATE BINARY 0018 (${this.length} bytes as read)`,
      apdu,
      status(m.admin.verified ? '9000' : '6982'),
    );
  }
  toString(): string {
    return `UPDATE CERTIFICATE ${this.length}`;
  }
}

export class SelectAdf implements PkiCmd {
  check(): boolean {
    return true;
  }
  async run(m: PkiPinModel, r: ModelReal): Promise<void> {
    await selectAdf(m, r);
  }
  toString(): string {
    return 'SELECT PKI ADF';
  }
}

/** Reset ends both PIN states and the challenge; the run then opens the ADF again. */
export class PkiReset implements PkiCmd {
  check(): boolean {
    return true;
  }
  async run(m: PkiPinModel, r: ModelReal): Promise<void> {
    r.steps.push({ command: null, expect: '', note: 'reset' });
    await r.card.reset();
    m.user.verified = false;
    m.admin.verified = false;
    m.challenge = null;
    await openPkiAdf(m, r);
  }
  toString(): string {
    return 'RESET';
  }
}

export function pkiPinCommandArbitraries(): Array<fc.Arbitrary<PkiCmd>> {
  const verify = fc
    .tuple(fc.constantFrom<'user' | 'admin'>('user', 'admin'), fc.boolean(), fc.boolean())
    .map(([who, right, fresh]) => new CipheredVerify(who, right, fresh));
  // fc.commands picks each entry alike: the entries that move the PIN states come more than once.
  return [
    verify,
    verify,
    verify,
    fc.boolean().map((right) => new PlainVerify(right)),
    fc.constant(new GetChallenge16()),
    fc.constant(new TriesQuery()),
    fc.constant(new Sign()),
    fc.constantFrom(1, 4).map((n) => new CertificateUpdate(n)),
    fc.constantFrom(1, 4).map((n) => new CertificateUpdate(n)),
    fc.constant(new SelectAdf()),
    fc.constant(new SelectAdf()),
    fc.constant(new PkiReset()),
    fc.constantFrom<'user' | 'admin'>('user', 'admin').map((who) => new BlockPin(who)),
  ];
}
