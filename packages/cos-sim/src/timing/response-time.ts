/**
 * How long a real CPU card takes to answer one APDU (issue 10 item 5, docs/pcsc.md "Timing"):
 * the bytes on the wire at the card's bit rate plus the card's processing time for the command.
 * The simulator answers in microseconds; integrators' software meets real cards that take tens
 * of milliseconds, so `serve --timing real` and the in-process target's `timing` option hold
 * each answer back by this much, to let timeouts show up before the field does.
 */
import { hexByte } from '@ssc-cos/apdu-codec';

/** Per-card figures: a profile's `options.timing` over these defaults (docs/profile.md). */
export interface TimingFigures {
  /**
   * Bit rate on the wire. Contact default 9600: ISO 7816-3's default rate (F = 372, D = 1) at
   * a 3.5712 MHz clock; the card's ATR has no TA1, so no faster rate is negotiated.
   */
  bitsPerSecond: number;
  /** Bit times per byte: 12 for T=0 with TC1 = 00 (no extra guard time) — 800 bytes/s. */
  bitsPerByte: number;
  /** Processing time in ms by INS (hex, upper case), from the card receiving the last byte to its first answer byte. */
  commandMs: Readonly<Record<string, number>>;
  /** Processing time of an INS not in `commandMs`. */
  defaultMs: number;
}

/**
 * [decision] Processing times of an FMCOS-class 8-bit card (docs/pcsc.md lists the basis):
 * a file-system lookup and read a few ms, an EEPROM write (page program ≈ 3–5 ms, plus the
 * backup FMCOS keeps for atomicity) about 10 ms, one 3DES/SM4 computation with key
 * diversification about 8–12 ms, a counter-guarded check (VERIFY, EXTERNAL AUTHENTICATE:
 * the counter is written before and after the comparison) two EEPROM writes more.
 */
export const DEFAULT_TIMING: TimingFigures = {
  bitsPerSecond: 9600,
  bitsPerByte: 12,
  commandMs: {
    A4: 4, // SELECT
    B0: 3, // READ BINARY
    B2: 3, // READ RECORD
    C0: 1, // GET RESPONSE
    D6: 12, // UPDATE BINARY
    DC: 12, // UPDATE RECORD
    E2: 12, // APPEND RECORD
    '84': 4, // GET CHALLENGE
    '82': 30, // EXTERNAL AUTHENTICATE: cryptogram + two counter writes
    '88': 12, // INTERNAL AUTHENTICATE
    '20': 25, // VERIFY: two counter writes
    '5E': 35, // CHANGE / RELOAD PIN
    '24': 40, // PIN UNBLOCK
    '1E': 25, // APPLICATION BLOCK
    '18': 25, // APPLICATION UNBLOCK
    '16': 25, // CARD BLOCK
    E0: 30, // CREATE FILE
    D4: 30, // WRITE KEY
    '0E': 60, // ERASE DF
    '1A': 12, // PSAM INIT FOR DESCRYPT
    DE: 15, // PSAM SESSION INIT (BF DE)
    FA: 10, // PSAM CIPHER DATA
  },
  defaultMs: 5,
};

/** Contactless wire: ISO 14443 at 106 kbit/s, 10 bit times a byte (start, 8 data, parity or stop). */
export const CONTACTLESS_WIRE = { bitsPerSecond: 106_000, bitsPerByte: 10 } as const;

/** Bytes on the wire for one exchange: the command, one procedure byte (T=0), the response. */
export function wireBytes(command: Uint8Array, response: Uint8Array): number {
  return command.length + 1 + response.length;
}

/** Milliseconds a real card takes for this exchange. */
export function responseTimeMs(figures: TimingFigures, command: Uint8Array, response: Uint8Array): number {
  const ins = command.length >= 2 ? hexByte(command[1]!) : '';
  const processing = figures.commandMs[ins] ?? figures.defaultMs;
  return processing + (wireBytes(command, response) * figures.bitsPerByte * 1000) / figures.bitsPerSecond;
}

/** The defaults with a profile's overrides on top. */
export function timingWith(overrides: Partial<TimingFigures>): TimingFigures {
  return {
    bitsPerSecond: overrides.bitsPerSecond ?? DEFAULT_TIMING.bitsPerSecond,
    bitsPerByte: overrides.bitsPerByte ?? DEFAULT_TIMING.bitsPerByte,
    commandMs: { ...DEFAULT_TIMING.commandMs, ...overrides.commandMs },
    defaultMs: overrides.defaultMs ?? DEFAULT_TIMING.defaultMs,
  };
}

/**
 * The range of each figure, inclusive: a profile's `options.timing` (read-timing.ts) and the
 * figures given to TimedTransport through the API are held to the same bounds. Without them a
 * bit rate of 0 makes every wait Infinity, which no timer ever ends (setTimeout takes it as 1 ms).
 */
export const TIMING_BOUNDS = {
  bitsPerSecond: [300, 10_000_000],
  bitsPerByte: [8, 32],
  ms: [0, 60_000],
} as const;

/** Throws a RangeError naming the first figure that is not a number within TIMING_BOUNDS. */
export function checkTimingFigures(figures: TimingFigures): void {
  const check = (path: string, value: number, [min, max]: readonly [number, number]) => {
    if (!(value >= min && value <= max))
      throw new RangeError(`${path}: ${value} is not within ${min}..${max}`);
  };
  check('timing.bitsPerSecond', figures.bitsPerSecond, TIMING_BOUNDS.bitsPerSecond);
  check('timing.bitsPerByte', figures.bitsPerByte, TIMING_BOUNDS.bitsPerByte);
  check('timing.defaultMs', figures.defaultMs, TIMING_BOUNDS.ms);
  for (const [ins, ms] of Object.entries(figures.commandMs))
    check(`timing.commandMs.${ins}`, ms, TIMING_BOUNDS.ms);
}
