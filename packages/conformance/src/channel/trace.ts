/** The APDU trace of one case or run: what was sent to which card and what came back. */

export type Device = 'card' | 'psam';

export interface TraceEntry {
  device: Device;
  /** Command APDU, or null for a reset. */
  command: Uint8Array | null;
  /** Response APDU (data ‖ SW), or the ATR for a reset. */
  response: Uint8Array;
  /** The command was sent with the target's power cut armed after this many writes (12-payment 防拔). */
  cutPowerAfterWrites?: number;
}

/** Receives every exchange of a run (coverage, recording). */
export type ExchangeObserver = (entry: TraceEntry) => void;

export class TraceLog {
  readonly entries: TraceEntry[] = [];
  private readonly observers: ExchangeObserver[] = [];

  constructor(private readonly keep = true) {}

  observe(observer: ExchangeObserver): void {
    this.observers.push(observer);
  }

  add(entry: TraceEntry): void {
    if (this.keep) this.entries.push(entry);
    for (const o of this.observers) o(entry);
  }
}
