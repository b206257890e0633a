/**
 * The suite's cryptograms and MACs, for the keys of the card under test as its CardDescription
 * lists them. The computing is the terminal's KeySource (@ssc-cos/terminal): the profile's
 * master keys (diversified on the host) or a PSAM in a second reader (05-psam.md). This file
 * only binds it to the description — which key, which card factors — so cases are written
 * once and run with either source.
 */
import { hexByte, type Transport } from '@ssc-cos/apdu-codec';
import {
  type CardIdentity,
  type CardKeyRef,
  type KeySource,
  MasterKeySource,
  PsamKeySource,
  TerminalError,
} from '@ssc-cos/terminal';
import type { Channel } from '../channel/channel.js';
import { channelTransport } from '../channel/channel-transport.js';
import type { CardDescription, KeyDescription } from '../description/card-description.js';

export class KeyUnavailable extends Error {
  override readonly name = 'KeyUnavailable';

  constructor(key: KeyDescription, why: string) {
    super(`key ${hexByte(key.id)} (${key.role}) unavailable: ${why}`);
  }
}

export class SuiteKeys {
  private readonly identity: CardIdentity;

  constructor(
    readonly kind: 'master-keys' | 'psam',
    private readonly source: KeySource,
    private readonly card: CardDescription,
    /** Only these keys (pre-flight found which the PSAM serves); absent = all the source knows. */
    private readonly only: ReadonlySet<KeyDescription> | null = null,
  ) {
    this.identity = { algorithm: card.algorithm, cardFactor: card.cardFactor, cityFactor: card.cityFactor };
  }

  /** The same source limited to `keys` (08-conformance pre-flight: the keys it proved it serves). */
  limitedTo(keys: ReadonlySet<KeyDescription>): SuiteKeys {
    return new SuiteKeys(this.kind, this.source, this.card, keys);
  }

  /** Can this source compute with that card key? (A hospital PSAM has DF04's keys only.) */
  has(key: KeyDescription): boolean {
    if (this.only !== null && !this.only.has(key)) return false;
    if (this.kind === 'psam') return key.psam !== null;
    return key.master !== null && this.card.masters[key.master] !== undefined;
  }

  /** Session-form EXTERNAL AUTHENTICATE cryptogram C = E(DIV(K, R), X) (04-crypto.md). */
  sessionCryptogram(key: KeyDescription, challenge: Uint8Array, x: Uint8Array): Promise<Uint8Array> {
    return this.source.sessionCryptogram(this.ref(key), this.identity, challenge, x);
  }

  /** Line-protection MAC (4 bytes) of `message` (= header ‖ Lc' ‖ data) with IV from the challenge. */
  lineMac(key: KeyDescription, iv: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
    return this.source.lineMac(this.ref(key), this.identity, iv, message);
  }

  /** E(K, data): the expected INTERNAL AUTHENTICATE answer, and the PIN UNBLOCK block cipher. */
  encrypt(key: KeyDescription, data: Uint8Array): Promise<Uint8Array> {
    return this.source.encrypt(this.ref(key), this.identity, data);
  }

  private ref(key: KeyDescription): CardKeyRef {
    if (!this.has(key)) {
      throw new KeyUnavailable(
        key,
        this.kind === 'psam' ? 'no PSAM key is known for it' : 'the profile gives no master key for it',
      );
    }
    return {
      df: key.df,
      id: key.id,
      family: key.levels === 2 ? 'ministry' : 'province',
      master: key.master ?? '',
      psam: key.psam ?? { usage: 0, id: 0 },
    };
  }
}

/** The keys a run uses: the PSAM when the target has one, else the profile's master keys. */
export function suiteKeysFor(card: CardDescription): (psam: Channel | null) => SuiteKeys {
  const master = new SuiteKeys(
    'master-keys',
    new MasterKeySource(card.masters, {
      sm4MacTruncation: card.sm4MacTruncation,
      order: card.diversificationOrder,
    }),
    card,
  );
  return (psam) => (psam === null ? master : suiteKeysOverPsam(psam, card));
}

/** A PSAM in the target's second reader; its exchanges go through the channel, so they are traced. */
export function suiteKeysOverPsam(psam: Channel, card: CardDescription): SuiteKeys {
  return new SuiteKeys('psam', new PsamKeySource(tracedTransport(psam)), card);
}

/** 06-keys: "this PSAM has no key for that zone" — the PSAM answers 6A88. */
export function isMissingPsamKey(e: unknown): e is TerminalError {
  return e instanceof TerminalError && e.device === 'psam' && e.sw === 0x6a88;
}

/**
 * The PSAM's exchanges through the case's channel: each one lands in the case trace. The
 * terminal's T=0 helper above it follows 61xx and re-issues 6Cxx, as a robust terminal should;
 * the suite judges the PSAM, so it lets through only what a correct PSAM answers — one 61xx
 * then the data — and fails on a 6Cxx or on a GET RESPONSE answered 61xx/6Cxx again.
 */
function tracedTransport(channel: Channel): Transport {
  return channelTransport(channel, (command, sw) => {
    const sw1 = sw >> 8;
    const again = command[1] === 0xc0 && sw1 === 0x61;
    if (sw1 === 0x6c || again) throw new TerminalError('psam', again ? 'GET RESPONSE' : 'T=0 exchange', sw);
  });
}
