/**
 * What the fuzz tests share (fuzz.test.ts, fuzz-grammar.test.ts): the run count, the vitest
 * timeout it needs, and the seeded generator they replay from.
 */

/** APDUs per built-in profile: SSC_FUZZ_RUNS, default 100,000 (`pnpm fuzz`: 1,000,000). */
export const FUZZ_RUNS = Number(process.env.SSC_FUZZ_RUNS ?? 100_000);

/**
 * A fuzz test's timeout, from its run count: 1 ms per APDU, about 7× what one costs on the
 * shared 2-core machine under load (0.1–0.15 ms measured), and never under vitest's 60 s. A
 * fixed timeout made `pnpm fuzz` fail on time alone (10⁶ APDUs take minutes).
 */
export function fuzzTimeout(runs: number = FUZZ_RUNS): number {
  return Math.max(60_000, Math.ceil(runs * 1));
}

/** xorshift32: the fuzz must replay exactly from its seed. */
export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return {
    int: (n: number) => next() % n,
    byte: () => next() & 0xff,
    chance: (p: number) => next() / 0x100000000 < p,
  };
}
