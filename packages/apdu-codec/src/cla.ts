/**
 * CLA byte decoding (ISO/IEC 7816-4 §5.4.1).
 *
 * [decision] The proprietary classes 80–8F follow the first-interindustry layout (bit 5
 * chaining, bits 4–3 secure messaging, bits 2–1 logical channel), as PBOC/FMCOS cards use it:
 * 84 is 80 with secure messaging. Other proprietary classes (90–FE, e.g. the PSAM's BF) have no
 * known structure and are reported as such.
 */
export type ClaKind = 'interindustry' | 'proprietary' | 'reserved' | 'invalid';

/** ISO names of the secure-messaging indication. */
export type SecureMessaging =
  | 'none'
  | 'proprietary'
  | 'iso-header-not-authenticated'
  | 'iso-header-authenticated';

export interface ClaInfo {
  cla: number;
  class: ClaKind;
  /** Whether the bits below were decoded (false for reserved, invalid and unstructured proprietary). */
  structured: boolean;
  secureMessaging: SecureMessaging;
  /** 0–19; 0 when not structured. */
  logicalChannel: number;
  /** Command chaining: more commands of the chain follow. */
  chaining: boolean;
}

const SM_FIRST: readonly SecureMessaging[] = [
  'none',
  'proprietary',
  'iso-header-not-authenticated',
  'iso-header-authenticated',
];

export function decodeCla(cla: number): ClaInfo {
  if (cla === 0xff) {
    // FF is PPS, never a CLA.
    return {
      cla,
      class: 'invalid',
      structured: false,
      secureMessaging: 'none',
      logicalChannel: 0,
      chaining: false,
    };
  }
  const top3 = cla & 0xe0;
  if (top3 === 0x00 || (cla >= 0x80 && cla <= 0x8f)) {
    return {
      cla,
      class: top3 === 0x00 ? 'interindustry' : 'proprietary',
      structured: true,
      secureMessaging: SM_FIRST[(cla >> 2) & 3]!,
      logicalChannel: cla & 3,
      chaining: (cla & 0x10) !== 0,
    };
  }
  if ((cla & 0xc0) === 0x40) {
    // Further interindustry: bit 6 = SM (ISO, header not authenticated), bits 4–1 = channel − 4.
    return {
      cla,
      class: 'interindustry',
      structured: true,
      secureMessaging: cla & 0x20 ? 'iso-header-not-authenticated' : 'none',
      logicalChannel: 4 + (cla & 0x0f),
      chaining: (cla & 0x10) !== 0,
    };
  }
  if (top3 === 0x20) {
    return {
      cla,
      class: 'reserved',
      structured: false,
      secureMessaging: 'none',
      logicalChannel: 0,
      chaining: false,
    };
  }
  return {
    cla,
    class: 'proprietary',
    structured: false,
    secureMessaging: 'none',
    logicalChannel: 0,
    chaining: false,
  };
}
