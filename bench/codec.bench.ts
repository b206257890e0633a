/**
 * Figures for the codec: the card parses every APDU it receives, so parse must be cheap. One
 * round trip = parseCommandApdu + encodeCommandApdu of the same APDU. Goal for a 20-byte case 4S
 * APDU: >= 2,000,000 round trips/s on the 2-core CI machine (0.5 µs per APDU, a small share of
 * the card's 10 µs/APDU budget). The 300-byte case 4E figure shows the cost of copying data.
 *
 * Relative imports: the workspace root does not depend on the packages (see crypto.bench.ts).
 */
import { encodeCommandApdu, parseCommandApdu } from '../packages/apdu-codec/src/index.js';
import { type Figure, opsPerSecond } from './harness.js';

/** Header (4) + Lc (1) + 14 data bytes + Le (1) = 20 bytes, case 4S. */
const CASE_4S_20 = Uint8Array.from([
  0x80,
  0xfa,
  0x00,
  0x00,
  14,
  ...Array.from({ length: 14 }, (_, i) => i),
  0x00,
]);
/** Header (4) + 00 Lc Lc (3) + 291 data bytes + Le Le (2) = 300 bytes, case 4E. */
const CASE_4E_300 = Uint8Array.from([
  0x00,
  0xd6,
  0x00,
  0x00,
  0x00,
  0x01,
  0x23,
  ...Array.from({ length: 0x123 }, (_, i) => i & 0xff),
  0x00,
  0x00,
]);

// Results land here so the JIT cannot drop the work as dead code.
let sink = 0;

function roundTrip(bytes: Uint8Array): () => void {
  return () => {
    sink += encodeCommandApdu(parseCommandApdu(bytes)).length;
  };
}

export async function figures(): Promise<Figure[]> {
  if (CASE_4S_20.length !== 20 || CASE_4E_300.length !== 300)
    throw new Error('bench APDUs have the wrong size');
  const short = opsPerSecond(
    'codec.roundtrip.case4s-20',
    'parse+encode, 20-byte case 4S APDU',
    roundTrip(CASE_4S_20),
    {
      opsPerRun: 1_000_000,
      goal: { direction: 'min', target: 2_000_000 },
      note: 'subarray view on parse, one Uint8Array allocation on encode',
    },
  );
  const extended = opsPerSecond(
    'codec.roundtrip.case4e-300',
    'parse+encode, 300-byte case 4E APDU',
    roundTrip(CASE_4E_300),
    { opsPerRun: 500_000, note: 'encode copies the 291 data bytes' },
  );
  if (sink === 0) throw new Error('unreachable: sink keeps the work alive');
  return [short, extended];
}
