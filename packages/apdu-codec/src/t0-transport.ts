/**
 * T=0 helper (ISO/IEC 7816-4 §5.3.4, 01-card.md "Transport behaviour"): wraps any Transport.
 * `61xx` → GET RESPONSE `00 C0 00 00 xx`, repeated while the card keeps answering 61xx, the
 * data concatenated; `6Cxx` → the same command (or GET RESPONSE) re-issued with Le = xx. The
 * caller sees one complete response, data ‖ final SW, as under T=1.
 */
import { ApduError } from './errors.js';
import type { Transport } from './transport.js';

export interface T0TransportOptions {
  /** Most GET RESPONSE / re-issue rounds for one command before ApduError('transport'). Default 300. */
  maxRounds?: number;
}

const GET_RESPONSE_INS = 0xc0;

/**
 * `cmd` with its Le replaced by `le`, or null when it has no short Le to replace: only case 2S
 * (5 bytes) and case 4S (6 + Lc bytes) end with a 1-byte Le.
 */
function withLe(cmd: Uint8Array, le: number): Uint8Array | null {
  const n = cmd.length;
  const isCase2S = n === 5;
  const isCase4S = n > 6 && cmd[4] !== 0 && n === 6 + cmd[4]!;
  if (!isCase2S && !isCase4S) return null;
  const out = cmd.slice();
  out[n - 1] = le;
  return out;
}

export class T0Transport implements Transport {
  private readonly maxRounds: number;

  constructor(
    private readonly inner: Transport,
    options: T0TransportOptions = {},
  ) {
    this.maxRounds = options.maxRounds ?? 300;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    let last = command;
    let resp = await this.inner.transmit(last);
    const chunks: Uint8Array[] = [];
    for (let round = 0; ; round++) {
      if (resp.length < 2)
        throw new ApduError('transport', `card answered ${resp.length} byte(s), no status word`);
      const sw1 = resp[resp.length - 2]!;
      if (sw1 !== 0x61 && sw1 !== 0x6c) break;
      const xx = resp[resp.length - 1]!;
      let next: Uint8Array | null;
      if (sw1 === 0x61) {
        // Data that came along with 61xx (T=1 style cards) belongs to the answer too.
        if (resp.length > 2) chunks.push(resp.subarray(0, resp.length - 2));
        next = Uint8Array.of(0x00, GET_RESPONSE_INS, 0x00, 0x00, xx);
      } else {
        next = withLe(last, xx);
        if (next === null) break; // nothing to re-issue: the caller gets the 6Cxx
      }
      if (round >= this.maxRounds)
        throw new ApduError('transport', `more than ${this.maxRounds} 61xx/6Cxx rounds`);
      last = next;
      resp = await this.inner.transmit(last);
    }
    if (chunks.length === 0) return resp;
    chunks.push(resp);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let pos = 0;
    for (const c of chunks) {
      out.set(c, pos);
      pos += c.length;
    }
    return out;
  }

  reset(): Promise<Uint8Array> {
    return this.inner.reset();
  }

  atr(): Promise<Uint8Array> {
    return this.inner.atr();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
