/**
 * One device (card or PSAM) as the terminal talks to it: the codec's T=0 helper over any
 * Transport (it fetches 61xx data and re-issues 6Cxx commands, and is a no-op under T=1), so
 * every flow reads the same under both protocols.
 */
import { T0Transport, type Transport } from '@ssc-cos/apdu-codec';
import { type Device, TerminalError } from './terminal-error.js';

export interface Reply {
  data: Uint8Array;
  sw: number;
}

export class ApduLink {
  private readonly t0: T0Transport;

  constructor(
    readonly transport: Transport,
    readonly device: Device,
  ) {
    this.t0 = new T0Transport(transport);
  }

  /** One command, whatever the status word. */
  async send(apdu: Uint8Array): Promise<Reply> {
    const r = await this.t0.transmit(apdu);
    if (r.length < 2) throw new TerminalError(this.device, 'exchange', 0, `answered ${r.length} byte(s)`);
    return { data: r.subarray(0, r.length - 2), sw: (r[r.length - 2]! << 8) | r[r.length - 1]! };
  }

  /** One command that must answer one of `accepted` (default 9000); its data. */
  async expect(apdu: Uint8Array, step: string, accepted: readonly number[] = [0x9000]): Promise<Uint8Array> {
    const r = await this.send(apdu);
    if (!accepted.includes(r.sw)) throw new TerminalError(this.device, step, r.sw);
    return r.data;
  }
}

/** `header ‖ Lc ‖ data [‖ Le]` as a short APDU. */
export function apdu(
  cla: number,
  ins: number,
  p1: number,
  p2: number,
  data?: Uint8Array,
  le?: number,
): Uint8Array {
  const n = data?.length ?? 0;
  const out = new Uint8Array(4 + (n > 0 ? 1 + n : 0) + (le === undefined ? 0 : 1));
  out[0] = cla;
  out[1] = ins;
  out[2] = p1;
  out[3] = p2;
  let at = 4;
  if (data !== undefined && n > 0) {
    out[at++] = n;
    out.set(data, at);
    at += n;
  }
  if (le !== undefined) out[at] = le & 0xff;
  return out;
}
