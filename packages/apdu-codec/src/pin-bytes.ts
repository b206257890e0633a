/**
 * The PIN as VERIFY, CHANGE PIN and RELOAD PIN carry it (02-commands.md): its decimal digits as
 * BCD, an odd count padded with an F nibble. The card's image, the terminal and the suite's
 * model all encode it; it lives once, here.
 */

/** "123456" → 12 34 56; "12345" → 12 34 5F. No check of the digits (callers validate). */
export function pinBytes(digits: string): Uint8Array {
  const padded = digits.length % 2 === 0 ? digits : `${digits}F`;
  return Uint8Array.from({ length: padded.length / 2 }, (_, i) =>
    Number.parseInt(padded.slice(i * 2, i * 2 + 2), 16),
  );
}
