/**
 * Where random bytes come from: the card's seedable source (cos-sim) or node:crypto. SM2 key
 * generation and signing draw their secrets from one of these, so a seeded card makes the
 * same key pairs and the same signatures on every run (golden vectors hold).
 */
export type RandomSource = (length: number) => Uint8Array;
