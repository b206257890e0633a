/**
 * The suite's model of the PKI application's PIN states (11-pki.md §PINs, docs/pki.md): the
 * cardholder PIN (the SSSE's, one counter with the plain VERIFY) and the ADF's admin PIN, each
 * with its counter and verified state, the pending 16-byte challenge, and whether the card has
 * a signing pair (learnt from its first signature, as the main model learns an FCI). Written
 * from the spec only — it shares no code with cos-sim's engine.
 */
export interface PinCounter {
  readonly digits: string;
  readonly max: number;
  tries: number;
  verified: boolean;
}

export interface PkiPinModel {
  user: PinCounter;
  admin: PinCounter;
  /** The 16-byte challenge the card gave for the next command, or null. */
  challenge: Uint8Array | null;
  /** null until a signature with the user PIN answered 9000 (a pair) or 6A88 (none). */
  signingPair: boolean | null;
  /** A card that cannot be replaced: no counter is brought below 2 (see PinVerify.check). */
  readonly protectCard: boolean;
}

export function pkiPinModel(
  user: { digits: string; tries: number },
  admin: { digits: string; tries: number },
  protectCard: boolean,
): PkiPinModel {
  return {
    user: { digits: user.digits, max: user.tries, tries: user.tries, verified: false },
    admin: { digits: admin.digits, max: admin.tries, tries: admin.tries, verified: false },
    challenge: null,
    signingPair: null,
    protectCard,
  };
}
