/**
 * The SDK's return values (10-terminal-api.md §Return values): 0 or positive on success, a
 * negative code on failure, and any other failing status word SW as −SW in decimal. Every
 * failure of the typed functions is an SdkError carrying that code and a reason, so the two
 * faces (typed and string) always agree.
 */
import { ApduError } from '@ssc-cos/apdu-codec';
import { ResponseMacError, TerminalError } from '../terminal-error.js';
import { ItemValueError } from './item-values.js';

export const RC = {
  ok: 0,
  wrongCardType: -1,
  noCard: -2,
  /** [decision, docs/terminal.md] Not in 10-terminal-api.md: the codes of the public general reader interface. */
  unsupported: -13,
  badParameter: -14,
  cardInfoMismatch: -20,
  readerConnection: -11,
  pinCheckFailed: -51,
  pinLocked: -52,
  noPsam: -2201,
  algorithmNotSupported: -2202,
  psamLacksKey: -2203,
} as const;

export class SdkError extends Error {
  override readonly name = 'SdkError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** −SW in decimal: 63C0 → −25536, 6A82 → −27266. */
export function swCode(sw: number): number {
  return -sw;
}

/** The SDK code of any failure a function met. */
export function toSdkError(e: unknown): SdkError {
  if (e instanceof SdkError) return e;
  if (e instanceof ItemValueError) return new SdkError(RC.badParameter, e.message);
  if (e instanceof ResponseMacError) return new SdkError(swCode(0x6988), e.message);
  if (e instanceof TerminalError) {
    if (e.device === 'psam') {
      if (e.sw === 0x6a88)
        return new SdkError(RC.psamLacksKey, `the PSAM holds no key for this (${e.message})`);
      return new SdkError(swCode(e.sw), e.message);
    }
    if (e.step === 'VERIFY') {
      if ((e.sw & 0xfff0) === 0x63c0)
        return new SdkError(RC.pinCheckFailed, `wrong PIN, ${e.sw & 0x0f} tries left`);
      if (e.sw === 0x6983) return new SdkError(RC.pinLocked, 'the PIN is locked');
    }
    if (e.step === 'SELECT SSSE' && (e.sw === 0x6a82 || e.sw === 0x6d00 || e.sw === 0x6e00))
      return new SdkError(RC.wrongCardType, `no social security application on this card (${e.message})`);
    if (e.sw === 0) return new SdkError(RC.readerConnection, e.message);
    return new SdkError(swCode(e.sw), e.message);
  }
  if (e instanceof ApduError) return new SdkError(RC.readerConnection, e.message);
  return new SdkError(RC.readerConnection, e instanceof Error ? e.message : String(e));
}
