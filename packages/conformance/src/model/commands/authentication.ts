/** GET CHALLENGE and EXTERNAL AUTHENTICATE (03-security §Keys, 04-crypto §External authentication). */

/** Bytes of challenge EXTERNAL AUTHENTICATE needs (03-security §v2). */
const MIN_AUTH_CHALLENGE = 8;

import { hexByte } from '@ssc-cos/apdu-codec';
import { concatBytes } from '../../bytes.js';
import { blockSizeOf } from '../../description/card-description.js';
import { isMissingPsamKey } from '../../keys/suite-keys.js';
import { triesSw } from '../../patterns.js';
import type { Expectation } from '../expectation.js';
import { keyKey, type ModelState, modelApplicationBlocked } from '../model-state.js';
import { ANY_DATA_OK, type Cmd, consume, type ModelReal, status, step } from '../step.js';

export class GetChallenge implements Cmd {
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

export class ExternalAuthenticate implements Cmd {
  constructor(
    readonly keyIndex: number,
    readonly right: boolean,
  ) {}
  check(m: Readonly<ModelState>): boolean {
    if (!m.protectCard) return true;
    const ids = [...m.currentDf.keys.filter((k) => k.role === 'external-auth').map((k) => k.id), 0x0a];
    const id = ids[this.keyIndex % ids.length]!;
    if (!m.currentDf.keys.some((k) => k.id === id)) return true;
    // A real card: only keys whose counters the key source can restore, and never below 2.
    const key = keyKey(m.currentDf, id);
    if (!m.servable.has(key)) return false;
    const left = m.keyTries.get(key);
    return this.right || (left !== undefined && left !== null && left > 2);
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
        if (!isMissingPsamKey(e)) throw e;
      }
    }
    const canCompute = c !== null;
    c ??= new Uint8Array(bs).fill(0xc3);
    // null: a real card's counter not known yet (learnt from the first answer).
    const tracked = key === undefined ? undefined : m.keyTries.get(keyKey(df, id));
    const left = tracked === undefined ? 0 : tracked;
    consume(m);
    let e: Expectation;
    if (modelApplicationBlocked(m)) e = status('6A81');
    else if (key === undefined) e = status('6A88');
    else if (left === 0) e = status('6983');
    // 03-security §v2: a cryptogram needs a challenge of 8 bytes or more (a 4-byte one → 6984).
    else if (challenge === null || challenge.length < MIN_AUTH_CHALLENGE)
      e = left === null ? status('6984', '6983') : status('6984');
    else if (canCompute) e = left === null ? status('9000', '6983') : status('9000');
    else e = left === null ? status('63C?', '6983') : status(triesSw(left - 1));
    const apdu = concatBytes(Uint8Array.of(0x00, 0x82, 0x00, id, 2 * bs), c, x);
    const reply = await step(r, `${this.toString()} → key ${hexByte(id)}`, apdu, e);
    if (key === undefined) return;
    if (reply.sw === 0x9000) {
      m.authKeys.add(id);
      m.keyTries.set(keyKey(df, id), key.tries);
    } else if (reply.sw >> 4 === 0x63c) m.keyTries.set(keyKey(df, id), reply.sw & 0x0f);
    else if (reply.sw === 0x6983) m.keyTries.set(keyKey(df, id), 0);
  }
  toString(): string {
    return `EXTERNAL AUTHENTICATE key#${this.keyIndex} ${this.right ? 'right' : 'wrong'}`;
  }
}

/** GET CHALLENGE then EXTERNAL AUTHENTICATE: by chance alone the pair would be rare. */
export class ChallengeAndAuthenticate implements Cmd {
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
