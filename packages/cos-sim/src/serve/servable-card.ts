/**
 * What the vpcd server needs from a card: the shape of the engine's `Card`, so the real card
 * plugs in as is and tests may pass any object that behaves like one.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { TRACE_HEADER } from '@ssc-cos/apdu-codec';

export interface ServableCard {
  /** Cold reset (contacts activated): session state cleared, returns the ATR. */
  powerOn(): Uint8Array;
  /** Warm reset: session state cleared, returns the ATR. */
  reset(): Uint8Array;
  /** One C-APDU in, one R-APDU (data ‖ SW1 SW2) out; never throws. Empty: the card lost power. */
  transmit(command: Uint8Array): Uint8Array;
  /** 12-payment 防拔: the next command loses power right after its k-th internal write (the engine's card). */
  cutPowerAfterWrites?(k: number): void;
}

/** Where the server reports what happens; `trace` is only called when tracing is on. */
export interface ServeLog {
  info(message: string): void;
  warn(message: string): void;
  trace(message: string): void;
}

/**
 * Log to stderr, one line per event; trace lines are written bare, in the one trace format
 * (docs/trace.md), or appended to `traceFile` (after its header) when one is given.
 */
export function stderrLog(prefix = 'cos-sim serve', traceFile: string | null = null): ServeLog {
  const write = (kind: string, message: string) => process.stderr.write(`${prefix}: ${kind}${message}\n`);
  if (traceFile !== null) writeFileSync(traceFile, `${TRACE_HEADER}\n`);
  return {
    info: (m) => write('', m),
    warn: (m) => write('warning: ', m),
    trace: (m) => (traceFile === null ? process.stderr.write(`${m}\n`) : appendFileSync(traceFile, `${m}\n`)),
  };
}

/** A log that drops everything (tests that provoke thousands of bad frames). */
export const silentLog: ServeLog = { info() {}, warn() {}, trace() {} };
