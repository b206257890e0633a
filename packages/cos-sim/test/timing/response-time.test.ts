/**
 * Timing-faithful mode (issue 10 item 5): the figures a real card takes, and the transport
 * that holds answers back by them. No wall-clock assertions: the delay is computed and the
 * sleep injected (performance is measured by `pnpm bench` only).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Card } from '../../src/card.js';
import { CardTransport } from '../../src/engine/card-transport.js';
import { BUILTIN_PROFILE_DIR, buildImage, loadProfile, validateProfile } from '../../src/profile/index.js';
import {
  CONTACTLESS_WIRE,
  DEFAULT_TIMING,
  responseTimeMs,
  type TimingFigures,
  wireBytes,
} from '../../src/timing/response-time.js';
import { TimedTransport } from '../../src/timing/timed-transport.js';
import { hex } from '../helpers/bytes.js';

describe('response time of a real card', () => {
  test('a plain READ RECORD takes tens of ms: 9600 bit/s, 12 bit times a byte, plus processing', () => {
    const command = hex('00B2012C00');
    const response = hex('0110110100D1560000052611220000010000 9000');
    expect(wireBytes(command, response)).toBe(5 + 1 + 20);
    // 26 bytes × 1.25 ms + 3 ms READ RECORD
    expect(responseTimeMs(DEFAULT_TIMING, command, response)).toBeCloseTo(35.5, 6);
  });

  test('cryptographic commands take longer than plain ones', () => {
    const sw = hex('9000');
    const auth = responseTimeMs(DEFAULT_TIMING, hex(`0082000110${'00'.repeat(16)}`), sw);
    const read = responseTimeMs(DEFAULT_TIMING, hex(`00B0000010`), hex(`${'00'.repeat(16)}9000`));
    expect(auth).toBeGreaterThan(read);
    expect(auth).toBeGreaterThan(20);
  });

  test('an unknown INS takes the default processing time; the contactless wire is ~12× faster', () => {
    const c = hex('00FF000000');
    expect(responseTimeMs(DEFAULT_TIMING, c, hex('6D00'))).toBeCloseTo(5 + 8 * 1.25, 6);
    const cl = { ...DEFAULT_TIMING, ...CONTACTLESS_WIRE };
    expect(responseTimeMs(cl, c, hex('6D00'))).toBeCloseTo(5 + (8 * 10 * 1000) / 106_000, 6);
  });

  test('profile option timing overrides the defaults (and is validated)', () => {
    const json = JSON.parse(JSON.stringify(loadProfileJson()));
    json.options.timing = { bitsPerSecond: 19200, commandMs: { B2: 7 } };
    const timing = validateProfile(json).options.timing;
    expect([timing.bitsPerSecond, timing.bitsPerByte, timing.commandMs.B2, timing.commandMs.A4]).toEqual([
      19200,
      12,
      7,
      DEFAULT_TIMING.commandMs.A4,
    ]);
    json.options.timing = { commandMs: { b2: 7 } };
    expect(() => validateProfile(json)).toThrow(
      'options.timing.commandMs.b2: an INS is two upper-case hex digits',
    );
    json.options.timing = { bitsPerSecond: 1 };
    expect(() => validateProfile(json)).toThrow('options.timing.bitsPerSecond');
    expect(loadProfile('ssc-2g-des').options.timing).toEqual(DEFAULT_TIMING);
  });

  test('TimedTransport returns the card answer unchanged, after waiting out the real card time', async () => {
    const waits: number[] = [];
    const card = new Card(buildImage(loadProfile('ssc-2g-des')), { seed: 1 });
    const plain = new Card(buildImage(loadProfile('ssc-2g-des')), { seed: 1 });
    const timed = new TimedTransport(new CardTransport(card), DEFAULT_TIMING, async (ms) => {
      waits.push(ms);
    });
    const select = hex('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
    const r = await timed.transmit(select);
    expect(r).toEqual(plain.transmit(select));
    expect(waits).toHaveLength(1);
    // the wait is the real-card time less what the simulator took (well under a millisecond)
    expect(waits[0]!).toBeLessThanOrEqual(responseTimeMs(DEFAULT_TIMING, select, r));
    expect(waits[0]!).toBeGreaterThan(responseTimeMs(DEFAULT_TIMING, select, r) - 50);
    expect(await timed.atr()).toEqual(plain.atr);
  });

  test('TimedTransport refuses figures that give no finite wait, as a profile does (else it would sleep forever)', () => {
    const inner = new CardTransport(new Card(buildImage(loadProfile('ssc-2g-des')), { seed: 1 }));
    const bad: Array<[Partial<TimingFigures>, string]> = [
      [{ bitsPerSecond: 0 }, 'timing.bitsPerSecond: 0 is not within 300..10000000'],
      [{ bitsPerSecond: Number.NaN }, 'timing.bitsPerSecond: NaN is not within 300..10000000'],
      [{ bitsPerByte: Number.POSITIVE_INFINITY }, 'timing.bitsPerByte: Infinity is not within 8..32'],
      [{ defaultMs: -1 }, 'timing.defaultMs: -1 is not within 0..60000'],
      [{ commandMs: { A4: 1e300 } }, 'timing.commandMs.A4: 1e+300 is not within 0..60000'],
    ];
    for (const [override, message] of bad) {
      expect(() => new TimedTransport(inner, { ...DEFAULT_TIMING, ...override })).toThrow(message);
    }
    // fractional figures are fine through the API (a profile takes integers only)
    expect(
      new TimedTransport(inner, { ...DEFAULT_TIMING, bitsPerSecond: 9600.5 }).figures.bitsPerSecond,
    ).toBe(9600.5);
  });

  test('with the default sleep it answers no sooner than the figures, even after a busy tick', async () => {
    // Node schedules a timer from the event loop's time cached at the start of the tick; a card
    // that computed for 15 ms in that tick made setTimeout(wait) fire up to 15 ms early, so the
    // answer came sooner than the figures say (seen as 18.8 ms for a 20 ms SELECT under load).
    const card = new Card(buildImage(loadProfile('ssc-2g-des')), { seed: 1 });
    const inner = new CardTransport(card);
    const busy = {
      transmit: async (command: Uint8Array) => {
        const until = performance.now() + 15;
        while (performance.now() < until) {
          // the card's computation, in the same tick
        }
        return inner.transmit(command);
      },
      reset: () => inner.reset(),
      atr: () => inner.atr(),
      close: () => inner.close(),
    };
    const figures = { ...DEFAULT_TIMING, bitsPerSecond: 10_000_000, commandMs: { A4: 40 }, defaultMs: 0 };
    const timed = new TimedTransport(busy, figures);
    const select = hex('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
    await new Promise((resolve) => setTimeout(resolve, 5)); // start on a fresh tick
    const started = performance.now();
    const r = await timed.transmit(select);
    expect(performance.now() - started).toBeGreaterThanOrEqual(responseTimeMs(figures, select, r));
  });
});

/** The built-in JSON, read as a user profile would be. */
function loadProfileJson(): unknown {
  return JSON.parse(readFileSync(`${BUILTIN_PROFILE_DIR}ssc-2g-des.json`, 'utf8'));
}
