/**
 * Status words the card answers (02-commands.md), as numbers so the hot path never builds
 * strings. `OK` (0) is the "check passed" value handler steps return; it is never sent.
 */
export const OK = 0;
export const SW_SUCCESS = 0x9000;
export const SW_BLOCKED_DF_SELECTED = 0x6283;
/** 03-security.md §v2: the command's new state could not be made durable (state file). */
export const SW_MEMORY_FAILURE = 0x6581;
export const SW_WRONG_LENGTH = 0x6700;
export const SW_CHANNEL_NOT_SUPPORTED = 0x6881;
export const SW_WRONG_FILE_STRUCTURE = 0x6981;
export const SW_SECURITY_NOT_SATISFIED = 0x6982;
export const SW_AUTH_OBJECT_BLOCKED = 0x6983;
export const SW_NO_CHALLENGE = 0x6984;
export const SW_CONDITIONS_NOT_SATISFIED = 0x6985;
export const SW_NO_CURRENT_EF = 0x6986;
export const SW_SM_MISSING = 0x6987;
export const SW_SM_WRONG = 0x6988;
export const SW_WRONG_DATA = 0x6a80;
export const SW_FUNCTION_NOT_SUPPORTED = 0x6a81;
export const SW_FILE_NOT_FOUND = 0x6a82;
export const SW_RECORD_NOT_FOUND = 0x6a83;
export const SW_NOT_ENOUGH_SPACE = 0x6a84;
export const SW_WRONG_P1P2 = 0x6a86;
export const SW_KEY_NOT_FOUND = 0x6a88;
export const SW_OFFSET_BEYOND_FILE = 0x6b00;
export const SW_INS_NOT_SUPPORTED = 0x6d00;
export const SW_CLA_NOT_SUPPORTED = 0x6e00;
export const SW_INTERNAL_FAULT = 0x6f00;
export const SW_APPLICATION_PERMANENTLY_BLOCKED = 0x9303;
/** 12-payment.md (PBOC): DEBIT/CREDIT not directly after its INITIALIZE. */
export const SW_COMMAND_NOT_ACCEPTED = 0x6901;
export const SW_MAC_INVALID = 0x9302;
export const SW_INSUFFICIENT_BALANCE = 0x9401;
export const SW_KEY_INDEX_NOT_SUPPORTED = 0x9403;
/** GET TRANSACTION PROVE for a transaction the card does not hold. */
export const SW_MAC_NOT_AVAILABLE = 0x9406;

/** `61xx`: xx bytes wait for GET RESPONSE (00 = 256). */
export function swBytesAvailable(length: number): number {
  return 0x6100 | (length & 0xff);
}

/** `6Cxx`: wrong Le, xx = the right one (00 = 256). */
export function swWrongLe(length: number): number {
  return 0x6c00 | (length & 0xff);
}

/** `63Cx`: x tries left. */
export function swTriesLeft(tries: number): number {
  return 0x63c0 | (tries & 0x0f);
}
