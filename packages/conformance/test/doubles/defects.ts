/**
 * Test doubles of the card with one injected defect each (the suite's "teeth"): wrappers
 * around the simulator's transport that alter commands and responses, some sending hidden
 * commands, so the card looks as if it had the defect. Each names the cases that must catch it.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import { cipheredPin, lineMac, macInput, macIv, sessionCryptogram } from '@ssc-cos/apdu-codec/crypto';
import { PKI_ADF_NAME, pinBcd } from '@ssc-cos/terminal';
import { concatBytes, sameBytes, statusWord } from '../../src/bytes.js';
import { pkiAdminPin } from '../../src/catalogue/pki-cases.js';
import {
  allDfs,
  type CardDescription,
  type DfDescription,
  SSSE_NAME,
} from '../../src/description/card-description.js';

/** Follows the session as the terminal sees it: current DF and the challenge just issued. */
abstract class DefectTransport implements Transport {
  protected df: DfDescription;
  protected challenge: Uint8Array | null = null;
  protected lastIns = -1;

  constructor(
    protected readonly inner: Transport,
    protected readonly card: CardDescription,
  ) {
    this.df = card.mf;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const response = await this.alter(command);
    this.follow(command, response);
    return response;
  }

  /** Default: no defect. */
  protected alter(command: Uint8Array): Promise<Uint8Array> {
    return this.inner.transmit(command);
  }

  private follow(c: Uint8Array, r: Uint8Array): void {
    const sw = statusWord(r);
    const ok = sw === 0x9000 || sw >> 8 === 0x61 || sw === 0x6283;
    if (c[1] === 0xa4 && ok && c.length >= 7) {
      if (c[2] === 0x04 && c[4] === SSSE_NAME.length) this.df = this.card.mf;
      else {
        const fid = (c[5]! << 8) | c[6]!;
        const found = allDfs(this.card).find((d) => d.fid === fid);
        if (found) this.df = found;
      }
    }
    this.challenge = c[1] === 0x84 && sw === 0x9000 ? r.subarray(0, r.length - 2).slice() : this.challenge;
    this.lastIns = c[1] ?? -1;
  }

  async reset(): Promise<Uint8Array> {
    this.df = this.card.mf;
    this.challenge = null;
    this.lastIns = -1;
    return this.inner.reset();
  }

  atr(): Promise<Uint8Array> {
    return this.inner.atr();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  protected keyValue(df: DfDescription, id: number): Uint8Array | null {
    return df.keys.find((k) => k.id === id)?.value ?? null;
  }
}

function withSw(response: Uint8Array, sw: number): Uint8Array {
  const out = response.slice();
  out[out.length - 2] = sw >> 8;
  out[out.length - 1] = sw & 0xff;
  return out;
}

/** Wrong PINs answer 63C(max−1) every time: the counter never goes down. */
class PinCounterNotDecremented extends DefectTransport {
  protected override async alter(c: Uint8Array): Promise<Uint8Array> {
    const r = await this.inner.transmit(c);
    const sw = statusWord(r);
    if (c[1] === 0x20 && c.length > 5 && (sw & 0xfff0) === 0x63c0) {
      // Undo the decrement the engine did, as a card without the decrement would.
      return withSw(r, 0x63c0 | (this.card.pin.tries - 1));
    }
    if (c[1] === 0x20 && c.length <= 5 && (sw & 0xfff0) === 0x63c0)
      return withSw(r, 0x63c0 | this.card.pin.tries);
    return r;
  }
}

/** SELECT of the DF that is already current is not passed on: its key status survives. */
class DfSelectionKeepsKeys extends DefectTransport {
  private readonly lastAnswer = new Map<number, Uint8Array>();
  protected override async alter(c: Uint8Array): Promise<Uint8Array> {
    if (c[1] === 0xa4 && c[2] === 0x00 && c.length >= 7) {
      const fid = (c[5]! << 8) | c[6]!;
      const cached = this.lastAnswer.get(fid);
      if (fid === this.df.fid && fid !== this.card.mf.fid && cached) return cached;
      const r = await this.inner.transmit(c);
      this.lastAnswer.set(fid, r);
      return r;
    }
    return this.inner.transmit(c);
  }
}

/** Line-protected block/unblock commands get a correct MAC put in: the card seems not to check it. */
class MacNotChecked extends DefectTransport {
  protected override async alter(c: Uint8Array): Promise<Uint8Array> {
    const ins = c[1];
    const key = this.keyValue(this.df, 0x03);
    if (
      c[0] === 0x84 &&
      (ins === 0x1e || ins === 0x18 || ins === 0x16) &&
      key &&
      this.challenge &&
      this.lastIns === 0x84 &&
      c.length >= 9
    ) {
      const data = c.subarray(5, c.length - 4);
      const mac = lineMac(
        this.card.algorithm,
        key,
        macIv(this.card.algorithm, this.challenge),
        macInput(c[0]!, ins!, c[2]!, c[3]!, data),
      );
      return this.inner.transmit(concatBytes(c.subarray(0, c.length - 4), mac));
    }
    return this.inner.transmit(c);
  }
}

/** A cryptogram made for an earlier challenge is accepted: a hidden GET CHALLENGE re-keys it. */
class ChallengeReusable extends DefectTransport {
  private lastChallenge: Uint8Array | null = null;
  protected override async alter(c: Uint8Array): Promise<Uint8Array> {
    const bs = this.card.algorithm === 'sm4' ? 16 : 8;
    if (c[1] === 0x82 && this.lastIns !== 0x84 && this.lastChallenge && c.length === 5 + 2 * bs) {
      const kid = c[3]!;
      const key = this.keyValue(this.df, kid);
      const x = c.subarray(5 + bs);
      if (key) {
        const expected = sessionCryptogram(this.card.algorithm, key, this.lastChallenge, x);
        if (Buffer.compare(expected, c.subarray(5, 5 + bs)) === 0) {
          const fresh = await this.inner.transmit(
            Uint8Array.of(0x00, 0x84, 0x00, 0x00, this.lastChallenge.length),
          );
          const r2 = fresh.subarray(0, fresh.length - 2);
          return this.inner.transmit(
            concatBytes(c.subarray(0, 5), sessionCryptogram(this.card.algorithm, key, r2, x), x),
          );
        }
      }
    }
    const r = await this.inner.transmit(c);
    if (c[1] === 0x84 && statusWord(r) === 0x9000) this.lastChallenge = r.subarray(0, r.length - 2).slice();
    return r;
  }
}

/** 6Cxx names one byte too many. */
class WrongSixCLength extends DefectTransport {
  protected override async alter(c: Uint8Array): Promise<Uint8Array> {
    const r = await this.inner.transmit(c);
    const sw = statusWord(r);
    return sw >> 8 === 0x6c ? withSw(r, 0x6c00 | ((sw + 1) & 0xff)) : r;
  }
}

/** READ RECORD "next occurrence" behaves as "first occurrence". */
class RecordNextWrong extends DefectTransport {
  protected override alter(c: Uint8Array): Promise<Uint8Array> {
    if (c[1] === 0xb2 && c.length >= 4 && (c[3]! & 0x07) === 0b010) {
      const changed = c.slice();
      changed[3] = c[3]! & 0xf8;
      return this.inner.transmit(changed);
    }
    return this.inner.transmit(c);
  }
}

/** APPLICATION BLOCK answers 9000 and does nothing. */
class ApplicationBlockIgnored extends DefectTransport {
  protected override alter(c: Uint8Array): Promise<Uint8Array> {
    if (c[1] === 0x1e && (c[0]! & 0xfc) === 0x84) return Promise.resolve(Uint8Array.of(0x90, 0x00));
    return this.inner.transmit(c);
  }
}

/** FCIs carry a proprietary tag with the DF's first key. */
class KeyLeakedInFci extends DefectTransport {
  protected override async alter(c: Uint8Array): Promise<Uint8Array> {
    const r = await this.inner.transmit(c);
    const key = this.df.keys.find((k) => k.value !== null)?.value;
    if (key && statusWord(r) === 0x9000 && r[0] === 0x6f && (c[1] === 0xc0 || c[1] === 0xa4)) {
      return concatBytes(
        r.subarray(0, r.length - 2),
        Uint8Array.of(0xdf, 0x7f, key.length),
        key,
        Uint8Array.of(0x90, 0x00),
      );
    }
    return r;
  }
}

/**
 * docs/pki.md: any DF selection ends the PKI admin state. This card keeps it: after a SELECT
 * of the PKI ADF that followed a right admin VERIFY, it verifies the admin PIN again behind
 * the terminal's back (GET CHALLENGE 16 and the ciphered VERIFY, answers hidden).
 */
class AdminStateSurvivesSelect extends DefectTransport {
  private admin = false;
  private reverify = false;
  protected override async alter(c: Uint8Array): Promise<Uint8Array> {
    // After the SELECT's answer (and its GET RESPONSE under T=0), before the next command.
    if (this.reverify && c[1] !== 0xc0) {
      this.reverify = false;
      const challenge = await this.inner.transmit(Uint8Array.of(0x00, 0x84, 0x00, 0x00, 0x10));
      await this.inner.transmit(
        concatBytes(
          Uint8Array.of(0x00, 0x20, 0x01, 0x00, 0x10),
          cipheredPin(pinBcd(pkiAdminPin(this.card).digits), challenge.subarray(0, 16)),
        ),
      );
    }
    const r = await this.inner.transmit(c);
    const sw = statusWord(r);
    if (c[1] === 0x20 && c[2] === 0x01 && c[3] === 0x00) this.admin = sw === 0x9000;
    const selected = sw === 0x9000 || sw >> 8 === 0x61;
    if (c[1] === 0xa4 && c[2] === 0x04 && sameBytes(c.subarray(5), PKI_ADF_NAME) && selected)
      this.reverify = this.admin;
    return r;
  }
  override async reset(): Promise<Uint8Array> {
    this.admin = false;
    this.reverify = false;
    return super.reset();
  }
}

export interface Defect {
  name: string;
  /** The profile the defect is run on (default ssc-2g-des). */
  profile?: string;
  /** Case ids, at least one of which must fail. */
  caughtBy: string[];
  wrap(inner: Transport, card: CardDescription): Transport;
}

export const DEFECTS: Defect[] = [
  {
    name: 'PKI admin state surviving a SELECT',
    profile: 'ssc-3g-sm4',
    caughtBy: ['11-pki/pin-states'],
    wrap: (t, c) => new AdminStateSurvivesSelect(t, c),
  },
  {
    name: 'PIN counter not decremented (ciphered VERIFY of the PKI application)',
    profile: 'ssc-3g-sm4',
    caughtBy: ['11-pki/pin-states'],
    wrap: (t, c) => new PinCounterNotDecremented(t, c),
  },
  {
    name: 'PIN counter not decremented',
    caughtBy: ['03-security/pin/countdown'],
    wrap: (t, c) => new PinCounterNotDecremented(t, c),
  },
  {
    name: 'DF selection not clearing key status',
    caughtBy: ['03-security/df-selection-drops-keys'],
    wrap: (t, c) => new DfSelectionKeepsKeys(t, c),
  },
  {
    name: 'MAC not checked',
    caughtBy: ['04-crypto/sm/flipped-bit'],
    wrap: (t, c) => new MacNotChecked(t, c),
  },
  {
    name: 'challenge reusable',
    caughtBy: ['03-security/keys/challenge-single-use', '03-security/keys/replayed-cryptogram'],
    wrap: (t, c) => new ChallengeReusable(t, c),
  },
  {
    name: '6Cxx length wrong',
    caughtBy: ['02-commands/read-record/6cxx', '02-commands/read-binary/6cxx'],
    wrap: (t, c) => new WrongSixCLength(t, c),
  },
  {
    name: 'record identifier "next" wrong',
    caughtBy: ['01-card/records/by-identifier'],
    wrap: (t, c) => new RecordNextWrong(t, c),
  },
  {
    name: 'APPLICATION BLOCK ignored',
    caughtBy: ['03-security/lifecycle/temporary-loss', 'flow/temporary-loss-and-cancel'],
    wrap: (t, c) => new ApplicationBlockIgnored(t, c),
  },
  {
    name: 'key bytes leaked in an FCI',
    caughtBy: ['03-security/keys/never-in-a-response'],
    wrap: (t, c) => new KeyLeakedInFci(t, c),
  },
];
