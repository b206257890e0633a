/**
 * Why a terminal flow stopped: the device that refused (card or PSAM), the step of the flow,
 * and the status word it answered — so a caller can tell "wrong PIN, 2 tries left" (card
 * 63C2) from "this PSAM has no key for that zone" (PSAM 6A88).
 */
import { formatSw } from '@ssc-cos/apdu-codec';

export type Device = 'card' | 'psam';

export class TerminalError extends Error {
  constructor(
    readonly device: Device,
    /** The flow step, e.g. "EXTERNAL AUTHENTICATE DF04 key 01". */
    readonly step: string,
    /** The status word the device answered. */
    readonly sw: number,
    detail?: string,
  ) {
    super(`${device} ${step}: ${detail ?? `answered ${formatSw(sw)}`}`);
    this.name = 'TerminalError';
  }

  /** Tries left for a 63Cx answer (wrong PIN or key), else null. */
  get triesLeft(): number | null {
    return (this.sw & 0xfff0) === 0x63c0 ? this.sw & 0x0f : null;
  }
}

/** The card's answer was 9000 but its response MAC (`+SM` read) did not verify. */
export class ResponseMacError extends TerminalError {
  constructor(step: string) {
    super('card', step, 0x9000, 'response MAC does not verify');
    this.name = 'ResponseMacError';
  }
}
