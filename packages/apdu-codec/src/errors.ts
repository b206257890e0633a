/**
 * The one error type the codec throws. `code` says what was wrong in a machine-readable way,
 * `message` in a human one; callers switch on `code`, never on the message.
 */
export type ApduErrorCode =
  | 'bad-hex'
  | 'too-short'
  | 'bad-lc'
  | 'bad-le'
  | 'length-mismatch'
  | 'extended-not-allowed'
  | 'bad-field'
  | 'bad-tlv'
  | 'tlv-too-deep'
  | 'bad-atr'
  | 'bad-sw'
  | 'bad-trace'
  | 'transport';

export class ApduError extends Error {
  override readonly name = 'ApduError';
  constructor(
    readonly code: ApduErrorCode,
    message: string,
  ) {
    super(message);
  }
}
