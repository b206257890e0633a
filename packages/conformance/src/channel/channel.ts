/**
 * A traced connection to one device (card or PSAM) of a target: every exchange goes into the
 * TraceLog, so a failing case can show its APDUs and the run can count its coverage.
 */
import { fromHex, type Transport } from '@ssc-cos/apdu-codec';
import type { Device } from '@ssc-cos/terminal';
import { responseData, statusWord } from '../bytes.js';
import type { TraceLog } from './trace.js';

/** A reply as the suite's traced channel sees it: the terminal's Reply plus the raw bytes. */
export interface ChannelReply {
  /** Response data without SW. */
  data: Uint8Array;
  sw: number;
  /** Data ‖ SW as received. */
  raw: Uint8Array;
}

export class Channel {
  constructor(
    readonly device: Device,
    readonly transport: Transport,
    private readonly log: TraceLog,
  ) {}

  /** One command, one raw reply (61xx / 6Cxx are returned as they are). */
  async send(apdu: Uint8Array | string): Promise<ChannelReply> {
    const command = typeof apdu === 'string' ? fromHex(apdu) : apdu;
    const timestamp = Date.now();
    const raw = await this.transport.transmit(command);
    this.log.add({ device: this.device, command, response: raw, timestamp, answeredAt: Date.now() });
    return { data: responseData(raw), sw: statusWord(raw), raw };
  }

  /**
   * One command the card loses power in, right after its `afterWrites`-th internal write (the
   * target's hook, `cut`): it answers nothing. The trace entry says so, so a recording replays it.
   */
  async sendWithPowerCut(
    apdu: Uint8Array,
    afterWrites: number,
    cut: (k: number) => void,
  ): Promise<ChannelReply> {
    cut(afterWrites);
    const raw = await this.transport.transmit(apdu);
    this.log.add({ device: this.device, command: apdu, response: raw, cutPowerAfterWrites: afterWrites });
    return { data: responseData(raw), sw: statusWord(raw), raw };
  }

  /** Like send, but follows a 61xx with GET RESPONSE (the T=0 way to fetch case-4 data). */
  async exchange(apdu: Uint8Array | string): Promise<ChannelReply> {
    const first = await this.send(apdu);
    if (first.sw >> 8 !== 0x61) return first;
    return this.send(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, first.sw & 0xff));
  }

  async reset(): Promise<Uint8Array> {
    const timestamp = Date.now();
    const atr = await this.transport.reset();
    this.log.add({ device: this.device, command: null, response: atr, timestamp, answeredAt: Date.now() });
    return atr;
  }
}
