/**
 * Cryptograms and MACs from master keys held in memory: the card key is derived on the host
 * (04-crypto.md: ministry = DIV(DIV(MK, city), card), province = DIV(MK, card)).
 */
import { createHash } from 'node:crypto';
import {
  diversifyChain,
  encryptEcb,
  lineMac,
  type MacTruncation,
  reloadPinMac,
  sessionCryptogram,
} from '@ssc-cos/apdu-codec/crypto';
import { type CardKeyRef, STANDARD_MASTER_NAMES } from './card-keys.js';
import { type CardIdentity, factorsOf, type KeySource } from './key-source.js';

export interface MasterKeySourceOptions {
  /** SM4 MAC truncation (04-crypto.md; a profile option). Default left4. */
  sm4MacTruncation?: MacTruncation;
  /** [decision of 04-crypto.md, a profile option] Default 'city-then-card'. */
  order?: 'city-then-card' | 'card-then-city';
}

/** The published test masters of 06-keys.md: first 16 bytes of SHA-256("ssc-cos test " + name). */
export function testMasterKeys(names: readonly string[] = STANDARD_MASTER_NAMES): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const name of names) {
    out[name] = Uint8Array.from(createHash('sha256').update(`ssc-cos test ${name}`).digest().subarray(0, 16));
  }
  return out;
}

export class MasterKeySource implements KeySource {
  readonly name = 'master keys';

  constructor(
    private readonly masters: Readonly<Record<string, Uint8Array>>,
    private readonly options: MasterKeySourceOptions = {},
  ) {}

  async sessionCryptogram(
    key: CardKeyRef,
    card: CardIdentity,
    challenge: Uint8Array,
    x: Uint8Array,
  ): Promise<Uint8Array> {
    return sessionCryptogram(card.algorithm, this.cardKey(key, card), challenge, x);
  }

  async lineMac(
    key: CardKeyRef,
    card: CardIdentity,
    iv: Uint8Array,
    message: Uint8Array,
  ): Promise<Uint8Array> {
    return lineMac(card.algorithm, this.cardKey(key, card), iv, message, this.truncation(card));
  }

  async encrypt(key: CardKeyRef, card: CardIdentity, blocks: Uint8Array): Promise<Uint8Array> {
    return encryptEcb(card.algorithm, this.cardKey(key, card), blocks);
  }

  async reloadPinMac(key: CardKeyRef, card: CardIdentity, newPin: Uint8Array): Promise<Uint8Array> {
    return reloadPinMac(card.algorithm, this.cardKey(key, card), newPin);
  }

  private truncation(card: CardIdentity): MacTruncation {
    return card.algorithm === 'sm4' ? (this.options.sm4MacTruncation ?? 'left4') : 'left4';
  }

  /** The card's own key: the master diversified for this card. */
  private cardKey(key: CardKeyRef, card: CardIdentity): Uint8Array {
    const master = this.masters[key.master];
    if (master === undefined) throw new Error(`no master key "${key.master}" in this key source`);
    const factors = factorsOf(key, card).reverse(); // applied city first, card last
    if (this.options.order === 'card-then-city') factors.reverse();
    return diversifyChain(card.algorithm, master, factors);
  }
}
