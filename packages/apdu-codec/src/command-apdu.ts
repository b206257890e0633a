/**
 * Command APDUs (ISO/IEC 7816-4 §5.1): the seven cases, short and extended.
 *
 * The card parses every APDU it receives with `parseCommandApdu`, so parsing allocates one
 * object and one subarray view, and nothing else: `data` is a view into the caller's bytes,
 * never a copy (images never mutate Uint8Arrays in place, so sharing is safe; copy it if the
 * input buffer is going to be reused).
 */
import { ApduError } from './errors.js';

/** Read-only: a parsed command is what was received; a changed view is a new object. */
export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** The command data field (Nc = data.length); empty when there is no Lc field. */
  readonly data: Uint8Array;
  /** Ne, the maximum number of response bytes expected (1..65536); null = no Le field. */
  readonly ne: number | null;
  /** Whether Lc/Le use the extended (2- or 3-byte) encoding. Ignored for case 1. */
  readonly extended: boolean;
}

/** ISO 7816-4 cases; S = short, E = extended length fields. */
export type ApduCase = '1' | '2S' | '3S' | '4S' | '2E' | '3E' | '4E';

const EMPTY = new Uint8Array(0);

/** Largest Nc / Ne of a short APDU and of an extended one. */
export const SHORT_MAX_NC = 255;
export const SHORT_MAX_NE = 256;
export const EXTENDED_MAX_NC = 65535;
export const EXTENDED_MAX_NE = 65536;

/**
 * Parses the bytes of a command APDU. Throws ApduError for every shape ISO 7816-4 does not
 * define: 'too-short' (under 4 bytes), 'bad-lc' (a short Lc of 00, an extended Lc of 0000
 * followed by data), 'length-mismatch' (Lc disagrees with the number of bytes).
 */
export function parseCommandApdu(bytes: Uint8Array): CommandApdu {
  const n = bytes.length;
  if (n < 4) throw new ApduError('too-short', `a command APDU has at least 4 bytes, got ${n}`);
  const cla = bytes[0]!;
  const ins = bytes[1]!;
  const p1 = bytes[2]!;
  const p2 = bytes[3]!;
  if (n === 4) return { cla, ins, p1, p2, data: EMPTY, ne: null, extended: false }; // case 1
  const b4 = bytes[4]!;
  if (n === 5) return { cla, ins, p1, p2, data: EMPTY, ne: b4 === 0 ? 256 : b4, extended: false }; // 2S
  if (b4 !== 0) {
    // Short Lc: case 3S (header Lc data) or 4S (header Lc data Le).
    const end = 5 + b4;
    if (n === end) return { cla, ins, p1, p2, data: bytes.subarray(5, end), ne: null, extended: false };
    if (n === end + 1) {
      const le = bytes[end]!;
      return { cla, ins, p1, p2, data: bytes.subarray(5, end), ne: le === 0 ? 256 : le, extended: false };
    }
    throw new ApduError('length-mismatch', `Lc=${b4} announces ${end} or ${end + 1} bytes, got ${n}`);
  }
  // b4 = 00 and more than 5 bytes: the extended forms, which need at least 7 bytes.
  if (n === 6) throw new ApduError('bad-lc', 'a short Lc of 00 is not allowed (6 bytes, byte 5 = 00)');
  const b56 = (bytes[5]! << 8) | bytes[6]!;
  if (n === 7) return { cla, ins, p1, p2, data: EMPTY, ne: b56 === 0 ? 65536 : b56, extended: true }; // 2E
  if (b56 === 0) throw new ApduError('bad-lc', 'an extended Lc of 0000 is not allowed');
  const end = 7 + b56;
  if (n === end) return { cla, ins, p1, p2, data: bytes.subarray(7, end), ne: null, extended: true }; // 3E
  if (n === end + 2) {
    const le = (bytes[end]! << 8) | bytes[end + 1]!;
    return { cla, ins, p1, p2, data: bytes.subarray(7, end), ne: le === 0 ? 65536 : le, extended: true };
  }
  throw new ApduError('length-mismatch', `extended Lc=${b56} announces ${end} or ${end + 2} bytes, got ${n}`);
}

/** The ISO 7816-4 case of a command (extended-ness only matters when there is an Lc or Le). */
export function apduCase(cmd: CommandApdu): ApduCase {
  const hasData = cmd.data.length > 0;
  const hasLe = cmd.ne !== null;
  if (!hasData && !hasLe) return '1';
  const suffix = cmd.extended ? 'E' : 'S';
  if (!hasData) return `2${suffix}`;
  return hasLe ? `4${suffix}` : `3${suffix}`;
}

function checkByte(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 255)
    throw new ApduError('bad-field', `${name} must be a byte, got ${v}`);
}

/**
 * Encodes a command in the form `extended` says (never silently switching forms, so
 * encode∘parse is the identity). Throws ApduError: 'bad-field' for a header byte out of range,
 * 'bad-lc' when Nc does not fit the form (short ≤ 255, extended ≤ 65535), 'bad-le' when Ne is
 * outside 1..256 (short) or 1..65536 (extended).
 */
export function encodeCommandApdu(cmd: CommandApdu): Uint8Array {
  checkByte('CLA', cmd.cla);
  checkByte('INS', cmd.ins);
  checkByte('P1', cmd.p1);
  checkByte('P2', cmd.p2);
  const nc = cmd.data.length;
  const ne = cmd.ne;
  const ext = cmd.extended;
  if (nc > (ext ? EXTENDED_MAX_NC : SHORT_MAX_NC)) {
    throw new ApduError('bad-lc', `Nc=${nc} does not fit a ${ext ? 'extended' : 'short'} Lc`);
  }
  if (ne !== null && (!Number.isInteger(ne) || ne < 1 || ne > (ext ? EXTENDED_MAX_NE : SHORT_MAX_NE))) {
    throw new ApduError('bad-le', `Ne=${ne} does not fit a ${ext ? 'extended' : 'short'} Le`);
  }
  const lcLen = nc === 0 ? 0 : ext ? 3 : 1;
  // An extended Le takes 3 bytes alone (00 hi lo) but 2 after an extended Lc.
  const leLen = ne === null ? 0 : ext ? (nc === 0 ? 3 : 2) : 1;
  const out = new Uint8Array(4 + lcLen + nc + leLen);
  out[0] = cmd.cla;
  out[1] = cmd.ins;
  out[2] = cmd.p1;
  out[3] = cmd.p2;
  let i = 4;
  if (nc > 0) {
    if (ext) {
      out[i++] = 0;
      out[i++] = nc >> 8;
    }
    out[i++] = nc & 0xff;
    out.set(cmd.data, i);
    i += nc;
  }
  if (ne !== null) {
    if (ext) {
      if (nc === 0) out[i++] = 0;
      out[i++] = (ne >> 8) & 0xff; // 65536 encodes as 0000
    }
    out[i] = ne & 0xff; // 256 (short) encodes as 00
  }
  return out;
}
