/**
 * The PSAM usage byte of a key table entry (05-psam.md): high 3 bits the diversification
 * levels, low 5 bits the key type. Both the profile reader (which checks a key's family
 * against its levels) and the PSAM commands read it, so it lives with the image.
 */

/** Diversification levels: the usage byte's high 3 bits. */
export function usageLevels(usage: number): number {
  return usage >> 5;
}

/** Key type: the usage byte's low 5 bits. */
export function usageKeyType(usage: number): number {
  return usage & 0x1f;
}
