/** 08-conformance §Vectors: the trace format, its patterns and the scriptor import. */
import { test as fcTest } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compilePattern, PatternError } from '../src/patterns.js';
import { importScriptor } from '../src/vectors/scriptor.js';
import { parseVector, VectorError } from '../src/vectors/vector-file.js';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

describe('vector patterns (docs/vectors.md)', () => {
  test('08-conformance §Vectors: exact hex matches only the same bytes', () => {
    const m = compilePattern('6F0A 9000');
    expect(m(bytes('6F0A9000'))).toBe(true);
    expect(m(bytes('6F0B9000'))).toBe(false);
    expect(m(bytes('6F0A900000'))).toBe(false);
  });

  test('08-conformance §Vectors: ? is one free hex digit (random challenge ????????9000)', () => {
    const m = compilePattern('????????????????9000');
    expect(m(bytes('0123456789ABCDEF9000'))).toBe(true);
    expect(m(bytes('0123456789ABCDEF6A82'))).toBe(false);
    expect(m(bytes('01234567899000'))).toBe(false);
    expect(compilePattern('63C?')(bytes('63C4'))).toBe(true);
    expect(compilePattern('63C?')(bytes('6384'))).toBe(false);
  });

  test('08-conformance §Vectors: /regex/ is matched against the upper-case hex', () => {
    const m = compilePattern('/^6F.*9000$/');
    expect(m(bytes('6f019000'))).toBe(true);
    expect(m(bytes('6A82'))).toBe(false);
  });

  test('08-conformance §Vectors: malformed patterns are rejected', () => {
    expect(() => compilePattern('6F0')).toThrow(PatternError);
    expect(() => compilePattern('6G00')).toThrow(PatternError);
    expect(() => compilePattern('/[/')).toThrow(PatternError);
  });

  fcTest.prop([fc.uint8Array({ maxLength: 64 }), fc.nat()])(
    '08-conformance §Vectors: a byte string matches its own hex, and not once one nibble is changed',
    (data, at) => {
      const hex = Buffer.from(data).toString('hex');
      expect(compilePattern(hex)(data)).toBe(true);
      if (data.length === 0) return;
      const i = at % data.length;
      const other = data.slice();
      other[i] = other[i]! ^ 0x10;
      expect(compilePattern(hex)(other)).toBe(false);
      const masked = `${hex.slice(0, 2 * i)}?${hex.slice(2 * i + 1)}`;
      expect(compilePattern(masked)(other)).toBe(true);
    },
  );
});

describe('vector files', () => {
  const valid = {
    format: 'ssc-cos-vector',
    version: 1,
    kind: 'golden',
    name: 'x',
    profile: 'ssc-2g-des',
    seed: 1,
    steps: [
      { reset: 'card' },
      { command: '00A40000023F00', expect: '61??' },
      { to: 'psam', command: '00B0960006' },
    ],
  };

  test('08-conformance §Vectors: a well-formed vector is accepted as it is', () => {
    expect(parseVector(valid, 'v.json')).toEqual(valid);
  });

  test('08-conformance §Vectors: each malformed field is reported with its path', () => {
    expect(() => parseVector({ ...valid, format: 'other' }, 'v.json')).toThrow(/v\.json: format/);
    expect(() => parseVector({ ...valid, seed: -1 }, 'v.json')).toThrow(/seed/);
    expect(() => parseVector({ ...valid, steps: [{ command: '00A4' }] }, 'v.json')).toThrow(
      /steps\[0\]\.command/,
    );
    expect(() =>
      parseVector({ ...valid, steps: [{ command: '00A40000', expect: 'XYZ' }] }, 'v.json'),
    ).toThrow(/steps\[0\]\.expect/);
    expect(() => parseVector({ ...valid, steps: [{ reset: 'reader' }] }, 'v.json')).toThrow(VectorError);
  });

  test('12-payment 防拔: a step may cut power after N ≥ 1 writes of a card command, nothing else', () => {
    const torn = {
      command: '805401000F00000001202612010930009241491408',
      cutPowerAfterWrites: 2,
      expect: '',
    };
    expect(parseVector({ ...valid, steps: [torn] }, 'v.json').steps[0]).toEqual(torn);
    for (const bad of [0, 1.5, '2'])
      expect(() =>
        parseVector({ ...valid, steps: [{ ...torn, cutPowerAfterWrites: bad }] }, 'v.json'),
      ).toThrow(/steps\[0\]\.cutPowerAfterWrites/);
    expect(() => parseVector({ ...valid, steps: [{ ...torn, to: 'psam' }] }, 'v.json')).toThrow(
      /only for the card/,
    );
  });
});

describe('pcsc-tools scriptor import', () => {
  test('08-conformance §Vectors: scriptor lines become steps without expected values', () => {
    const v = importScriptor(
      '# comment\nreset\n00 A4 04 00 0F 7378312E73682EC9E7BBE1B1A3D5CF\n\n00b2012c00 # read\nexit\n00B00000',
      's.txt',
      'ssc-2g-des',
    );
    expect(v.kind).toBe('recording');
    expect(v.steps).toEqual([
      { reset: 'card' },
      { command: '00A404000F7378312E73682EC9E7BBE1B1A3D5CF' },
      { command: '00B2012C00' },
    ]);
  });

  test('08-conformance §Vectors: a line that is not an APDU names its line number', () => {
    expect(() => importScriptor('00A4\n', 's.txt', 'p')).toThrow(/s\.txt:1/);
    expect(() => importScriptor('00A40000\nhello\n', 's.txt', 'p')).toThrow(/s\.txt:2/);
  });
});
