/**
 * The APDU trace of one case or run: what was sent to which card and what came back. Its
 * entries are apdu-codec's TraceEntry (the one trace concept, docs/trace.md), narrowed to what
 * the suite always knows: the device, and an answer (a reset's answer is the ATR).
 */
import type { TraceEntry } from '@ssc-cos/apdu-codec';
import type { Device } from '@ssc-cos/terminal';

/** A TraceEntry of the suite: to the card or the PSAM, always answered. */
export type Exchange = TraceEntry & {
  device: Device;
  response: Uint8Array;
  /** The command was sent with the target's power cut armed after this many writes (12-payment 防拔). */
  cutPowerAfterWrites?: number;
};

/** Receives every exchange of a run (coverage, recording, the live `--trace` file). */
export type ExchangeObserver = (entry: Exchange) => void;

export class TraceLog {
  readonly entries: Exchange[] = [];
  private readonly observers: ExchangeObserver[] = [];

  constructor(private readonly keep = true) {}

  observe(observer: ExchangeObserver): void {
    this.observers.push(observer);
  }

  add(entry: Exchange): void {
    if (this.keep) this.entries.push(entry);
    for (const o of this.observers) o(entry);
  }
}
