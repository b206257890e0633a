/**
 * The command alphabet of the model-based runs (fast-check `commands`). Each command builds
 * its APDU, asks the model what the card must answer, sends it, compares, then moves the
 * model on. Where the spec leaves the order of two checks open, the model allows both.
 */
import fc from 'fast-check';
import { concatBytes } from '../bytes.js';
import { ChallengeAndAuthenticate, ExternalAuthenticate, GetChallenge } from './commands/authentication.js';
import { ReadBinaryBySfi } from './commands/binary.js';
import { GetResponse } from './commands/get-response.js';
import {
  type LeMode,
  ReadRecordByNumber,
  ReadRecordByTag,
  UpdateRecordSameLength,
} from './commands/records.js';
import { SelectChildDf, SelectEf, SelectMf } from './commands/select.js';
import { CLAS, Garbage, Reset, UNKNOWN_INS } from './commands/session.js';
import { Verify } from './commands/verify.js';
import type { Cmd } from './step.js';

/** Short APDU tails of any length but a consistent shape (Le only, or Lc ‖ data). */
const tailArb = fc.oneof(
  fc.constant(new Uint8Array(0)),
  fc.integer({ min: 0, max: 255 }).map((n) => Uint8Array.of(n)),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((d) => concatBytes(Uint8Array.of(d.length), d)),
);

export function modelCommandArbitraries(): Array<fc.Arbitrary<Cmd>> {
  return [
    fc.boolean().map((b) => new SelectMf(b)),
    fc.integer({ min: 0, max: 5 }).map((i) => new SelectChildDf(i)),
    fc.tuple(fc.nat(8), fc.constantFrom(0x00, 0x02)).map(([i, p1]) => new SelectEf(i, p1)),
    fc
      .tuple(
        fc.nat(8),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<LeMode>('zero', 'exact', 'short', 'long'),
      )
      .map(([s, n, l]) => new ReadRecordByNumber(s, n, l)),
    fc.tuple(fc.nat(8), fc.nat(10), fc.boolean()).map(([s, t, last]) => new ReadRecordByTag(s, t, last)),
    fc
      .tuple(fc.nat(8), fc.constantFrom(0, 1, 100, 255), fc.constantFrom(0, 1, 16))
      .map(([s, o, l]) => new ReadBinaryBySfi(s, o, l)),
    fc
      .tuple(fc.nat(8), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 255 }))
      .map(([s, n, f]) => new UpdateRecordSameLength(s, n, f)),
    fc.constantFrom(4, 8, 16, 5).map((n) => new GetChallenge(n)),
    fc.tuple(fc.nat(6), fc.boolean()).map(([k, right]) => new ExternalAuthenticate(k, right)),
    fc
      .tuple(fc.constantFrom(4, 8, 16), fc.nat(6), fc.boolean())
      .map(([n, k, right]) => new ChallengeAndAuthenticate(n, k, right)),
    fc.constantFrom<'right' | 'wrong' | 'empty'>('right', 'wrong', 'empty').map((k) => new Verify(k)),
    fc.constantFrom(0, 4, 0xff).map((n) => new GetResponse(n)),
    fc.constant(new Reset()),
    fc
      .tuple(fc.constantFrom(...CLAS), fc.constantFrom(...UNKNOWN_INS), tailArb)
      .map(([c, i, t]) => new Garbage(c, i, t)),
  ];
}
