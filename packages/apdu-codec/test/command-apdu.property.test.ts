/**
 * Command APDU parse/encode properties (ISO/IEC 7816-4 §5.1 "command-response pairs", the seven
 * cases; 02-commands "Extended-length APDUs are accepted by the codec").
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  ApduError,
  apduCase,
  type CommandApdu,
  encodeCommandApdu,
  fromHex,
  parseCommandApdu,
  toHex,
} from '../src/index.js';
import { codeOf } from './helpers/error-code.js';

const byte = fc.integer({ min: 0, max: 255 });
const header = fc.record({ cla: byte, ins: byte, p1: byte, p2: byte });

/** Every case with its own Nc/Ne ranges: short Nc 1..255, Ne 1..256; extended Nc 1..65535, Ne 1..65536. */
const commandOfCase = {
  '1': header.map((h) => ({ ...h, data: new Uint8Array(0), ne: null, extended: false })),
  '2S': fc
    .tuple(header, fc.integer({ min: 1, max: 256 }))
    .map(([h, ne]) => ({ ...h, data: new Uint8Array(0), ne, extended: false })),
  '3S': fc
    .tuple(header, fc.uint8Array({ minLength: 1, maxLength: 255 }))
    .map(([h, data]) => ({ ...h, data, ne: null, extended: false })),
  '4S': fc
    .tuple(header, fc.uint8Array({ minLength: 1, maxLength: 255 }), fc.integer({ min: 1, max: 256 }))
    .map(([h, data, ne]) => ({ ...h, data, ne, extended: false })),
  '2E': fc
    .tuple(header, fc.integer({ min: 1, max: 65536 }))
    .map(([h, ne]) => ({ ...h, data: new Uint8Array(0), ne, extended: true })),
  '3E': fc
    .tuple(
      header,
      fc.integer({ min: 1, max: 2000 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
    )
    .map(([h, data]) => ({ ...h, data, ne: null, extended: true })),
  '4E': fc
    .tuple(header, fc.uint8Array({ minLength: 1, maxLength: 2000 }), fc.integer({ min: 1, max: 65536 }))
    .map(([h, data, ne]) => ({ ...h, data, ne, extended: true })),
} satisfies Record<string, fc.Arbitrary<CommandApdu>>;

const anyCommand = fc.oneof(
  ...Object.entries(commandOfCase).map(([c, arb]) => arb.map((cmd) => ({ expectedCase: c, cmd }))),
);

function plain(cmd: CommandApdu) {
  return { ...cmd, data: toHex(cmd.data) };
}

describe('command APDU: spec examples', () => {
  test('01-card / 05-psam flow: SELECT of the SSSE by its 15-byte name is case 3S, Nc=15', () => {
    const cmd = parseCommandApdu(fromHex('00A404000F7378312E73682EC9E7BBE1B1A3D5CF'));
    expect(cmd).toMatchObject({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00, ne: null, extended: false });
    expect(toHex(cmd.data)).toBe('7378312E73682EC9E7BBE1B1A3D5CF');
    expect(new TextDecoder('gbk').decode(cmd.data)).toBe('sx1.sh.社会保障');
    expect(apduCase(cmd)).toBe('3S');
  });

  test('ISO 7816-4 §5.1: the same SELECT with Le=00 is case 4S, Nc=15, Ne=256', () => {
    const cmd = parseCommandApdu(fromHex('00A404000F7378312E73682EC9E7BBE1B1A3D5CF00'));
    expect(apduCase(cmd)).toBe('4S');
    expect(cmd.data).toHaveLength(15);
    expect(cmd.ne).toBe(256);
  });

  test('05-psam flow: READ RECORD 00B2012C00 is case 2S, Ne=256; GET CHALLENGE 0084000008 Ne=8', () => {
    const read = parseCommandApdu(fromHex('00B2012C00'));
    expect(read).toMatchObject({ ins: 0xb2, p1: 0x01, p2: 0x2c, ne: 256 });
    expect(apduCase(read)).toBe('2S');
    expect(parseCommandApdu(fromHex('0084000008')).ne).toBe(8);
  });

  test('05-psam: CIPHER DATA 80FA000008‖X is case 3S; ERASE DF 800E0000 is case 1', () => {
    expect(apduCase(parseCommandApdu(fromHex('80FA0000081122334455667788')))).toBe('3S');
    const erase = parseCommandApdu(fromHex('800E0000'));
    expect(apduCase(erase)).toBe('1');
    expect(erase.ne).toBeNull();
  });

  test('ISO 7816-4 §5.1: extended Le 000000 → Ne=65536 (2E); Lc 000001 + Le 0000 → 4E', () => {
    const c2e = parseCommandApdu(fromHex('00B00000000000'));
    expect(apduCase(c2e)).toBe('2E');
    expect(c2e.ne).toBe(65536);
    const c4e = parseCommandApdu(fromHex('00D600000000 01 AA 0000'));
    expect(apduCase(c4e)).toBe('4E');
    expect(toHex(c4e.data)).toBe('AA');
    expect(c4e.ne).toBe(65536);
  });

  test.each([
    ['3 bytes', '00A404', 'too-short'],
    ['empty', '', 'too-short'],
    ['short Lc=00 in a 6-byte APDU', '00A4040000AA', 'bad-lc'],
    ['extended Lc=0000 followed by data', '00D6000000000011', 'bad-lc'],
    ['Lc=0F with 14 data bytes', '00A404000F7378312E73682EC9E7BBE1B1A3D5', 'length-mismatch'],
    ['Lc=02 with 2 data bytes and 2 more', '00A40000023F000000', 'length-mismatch'],
    ['extended Lc=0003 with 2 data bytes', '00D60000000003AABB', 'length-mismatch'],
    ['extended Lc=0001 with data and a 1-byte Le', '00D60000000001AA00', 'length-mismatch'],
  ])('ISO 7816-4 §5.1: malformed command (%s) → ApduError %s', (_what, hex, code) => {
    expect(codeOf(() => parseCommandApdu(fromHex(hex)))).toBe(code);
  });

  test.each([
    [
      'CLA 256',
      { cla: 256, ins: 0xa4, p1: 0, p2: 0, data: new Uint8Array(0), ne: null, extended: false },
      'bad-field',
    ],
    [
      'P2 -1',
      { cla: 0, ins: 0xa4, p1: 0, p2: -1, data: new Uint8Array(0), ne: null, extended: false },
      'bad-field',
    ],
    ['Ne 0', { cla: 0, ins: 0xb0, p1: 0, p2: 0, data: new Uint8Array(0), ne: 0, extended: false }, 'bad-le'],
    [
      'short Ne 257',
      { cla: 0, ins: 0xb0, p1: 0, p2: 0, data: new Uint8Array(0), ne: 257, extended: false },
      'bad-le',
    ],
    [
      'extended Ne 65537',
      { cla: 0, ins: 0xb0, p1: 0, p2: 0, data: new Uint8Array(0), ne: 65537, extended: true },
      'bad-le',
    ],
    [
      'short Nc 256',
      { cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(256), ne: null, extended: false },
      'bad-lc',
    ],
  ] as const)('ISO 7816-4 §5.1: encoding a command with %s → ApduError %s', (_what, cmd, code) => {
    expect(codeOf(() => encodeCommandApdu(cmd))).toBe(code);
  });
});

describe('command APDU: properties', () => {
  test.prop([anyCommand])(
    'ISO 7816-4 §5.1: parse ∘ encode is the identity for every case',
    ({ expectedCase, cmd }) => {
      const bytes = encodeCommandApdu(cmd);
      const back = parseCommandApdu(bytes);
      expect(plain(back)).toEqual(plain(cmd));
      expect(apduCase(back)).toBe(expectedCase);
      expect(encodeCommandApdu(back)).toEqual(bytes);
    },
  );

  test.prop([anyCommand])(
    'ISO 7816-4 §5.1: encoded length is 4 + Lc field + Nc + Le field',
    ({ expectedCase, cmd }) => {
      const lc = cmd.data.length === 0 ? 0 : cmd.extended ? 3 : 1;
      const le = cmd.ne === null ? 0 : !cmd.extended ? 1 : cmd.data.length === 0 ? 3 : 2;
      expect(encodeCommandApdu(cmd).length).toBe(4 + lc + cmd.data.length + le);
      expect(expectedCase.endsWith('E')).toBe(cmd.extended);
    },
  );

  /** Cases with an Lc field, with the byte counts the Lc allows (ISO 7816-4 §5.1). */
  const withLc = fc.oneof(commandOfCase['3S'], commandOfCase['4S'], commandOfCase['3E'], commandOfCase['4E']);

  function validLengths(bytes: Uint8Array, extended: boolean): number[] {
    if (!extended) return [5 + bytes[4]!, 6 + bytes[4]!];
    const lc = (bytes[5]! << 8) | bytes[6]!;
    return [7 + lc, 9 + lc];
  }

  test.prop([withLc, fc.integer({ min: -40, max: 40 }).filter((d) => d !== 0), byte])(
    'ISO 7816-4 §5.1: removing or adding bytes so the length fits no case with that Lc → length-mismatch',
    (cmd, delta, fill) => {
      const bytes = encodeCommandApdu(cmd);
      const n = bytes.length + delta;
      fc.pre(!validLengths(bytes, cmd.extended).includes(n));
      fc.pre(n >= (cmd.extended ? 8 : 6)); // shorter strings are other (valid or invalid) shapes
      const mutated = new Uint8Array(n).fill(fill);
      mutated.set(bytes.subarray(0, Math.min(n, bytes.length)));
      expect(codeOf(() => parseCommandApdu(mutated))).toBe('length-mismatch');
    },
  );

  test.prop([withLc, fc.integer({ min: 1, max: 0xffff })])(
    'ISO 7816-4 §5.1: changing Lc so it disagrees with the byte count → length-mismatch',
    (cmd, newLc) => {
      const bytes = encodeCommandApdu(cmd).slice();
      if (cmd.extended) {
        bytes[5] = newLc >> 8;
        bytes[6] = newLc & 0xff;
      } else {
        fc.pre(newLc <= 0xff);
        bytes[4] = newLc;
      }
      fc.pre(!validLengths(bytes, cmd.extended).includes(bytes.length));
      expect(codeOf(() => parseCommandApdu(bytes))).toBe('length-mismatch');
    },
  );

  test.prop([fc.uint8Array({ maxLength: 300 })])(
    'random bytes: parse throws only ApduError, and what it accepts re-encodes to the same bytes',
    (bytes) => {
      let cmd: CommandApdu;
      try {
        cmd = parseCommandApdu(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(ApduError);
        expect(['too-short', 'bad-lc', 'length-mismatch']).toContain((e as ApduError).code);
        return;
      }
      expect(encodeCommandApdu(cmd)).toEqual(bytes);
    },
  );
});
