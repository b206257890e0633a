/**
 * Constant-time comparison for MACs, cryptograms and PINs: the time taken depends only on
 * the lengths (which are public), never on where the first differing byte is.
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
