/** Command APDUs: the ISO 7816-4 cases with examples from the spec (02-commands, 05-psam). */
import { describe, expect, test } from 'vitest';
import {
  apduCase,
  type CommandApdu,
  encodeCommandApdu,
  fromHex,
  parseCommandApdu,
  toHex,
} from '../src/index.js';
import { codeOf } from './helpers/error-code.js';

const SSSE_NAME = '7378312E73682EC9E7BBE1B1A3D5CF';

describe('parseCommandApdu — spec examples', () => {
  test('01-card/05-psam: SELECT of the SSSE by its 15-byte name with Le=00 is case 4S, Nc=15, Ne=256', () => {
    const cmd = parseCommandApdu(fromHex(`00A404000F${SSSE_NAME}00`));
    expect(cmd).toMatchObject({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00, ne: 256, extended: false });
    expect(toHex(cmd.data)).toBe(SSSE_NAME);
    expect(apduCase(cmd)).toBe('4S');
  });

  test('05-psam: SELECT of the SSSE without Le is case 3S, Ne absent', () => {
    const cmd = parseCommandApdu(fromHex(`00A404000F${SSSE_NAME}`));
    expect(apduCase(cmd)).toBe('3S');
    expect(cmd.ne).toBeNull();
    expect(cmd.data.length).toBe(15);
  });

  test('05-psam: READ BINARY 00B0960006 of the PSAM terminal number is case 2S, Ne=6', () => {
    const cmd = parseCommandApdu(fromHex('00B0960006'));
    expect(apduCase(cmd)).toBe('2S');
    expect(cmd.ne).toBe(6);
    expect(cmd.data.length).toBe(0);
  });

  test('02-commands: READ RECORD with Le=00 asks for 256 bytes (ISO 7816-4 short Le 00 = 256)', () => {
    expect(parseCommandApdu(fromHex('00B2012C00')).ne).toBe(256);
  });

  test('02-commands: ERASE DF 800E0000 is case 1 (no Lc, no Le)', () => {
    const cmd = parseCommandApdu(fromHex('800E0000'));
    expect(apduCase(cmd)).toBe('1');
    expect(cmd.ne).toBeNull();
    expect(cmd.data.length).toBe(0);
  });

  test('05-psam: SESSION INIT BFDE with 8-byte factor and 8-byte R is case 3S, Nc=16', () => {
    const cmd = parseCommandApdu(fromHex('BFDE2814108660261122000001A1A2A3A4A5A6A7A8'));
    expect(apduCase(cmd)).toBe('3S');
    expect(cmd.data.length).toBe(16);
  });

  test('ISO 7816-4: case 2E with Le=0000 asks for 65536 bytes', () => {
    const cmd = parseCommandApdu(fromHex('00B00000000000'));
    expect(apduCase(cmd)).toBe('2E');
    expect(cmd.ne).toBe(65536);
  });

  test('ISO 7816-4: case 3E and 4E with a 300-byte data field', () => {
    const data = new Uint8Array(300).fill(0x5a);
    const c3 = parseCommandApdu(Uint8Array.from([0x00, 0xd6, 0x00, 0x00, 0x00, 0x01, 0x2c, ...data]));
    expect(apduCase(c3)).toBe('3E');
    expect(c3.data.length).toBe(300);
    const c4 = parseCommandApdu(
      Uint8Array.from([0x00, 0xd6, 0x00, 0x00, 0x00, 0x01, 0x2c, ...data, 0x00, 0x00]),
    );
    expect(apduCase(c4)).toBe('4E');
    expect(c4.ne).toBe(65536);
    const c4b = parseCommandApdu(
      Uint8Array.from([0x00, 0xd6, 0x00, 0x00, 0x00, 0x01, 0x2c, ...data, 0x01, 0x02]),
    );
    expect(c4b.ne).toBe(0x0102);
  });

  test('the data field is a view into the input, not a copy (no per-APDU copy on the card hot path)', () => {
    const bytes = fromHex('00A4000002DF04');
    const cmd = parseCommandApdu(bytes);
    expect(cmd.data.buffer).toBe(bytes.buffer);
    expect(cmd.data.byteOffset).toBe(5);
  });
});

describe('parseCommandApdu — malformed shapes are typed errors', () => {
  test.each([
    ['', 'too-short'],
    ['00', 'too-short'],
    ['00A4', 'too-short'],
    ['00A404', 'too-short'],
    ['00A4040000', undefined], // case 2S, Le=00 → 256: valid
    ['00A404000011', 'bad-lc'], // 6 bytes, short Lc 00
    ['00A4040002DF', 'length-mismatch'], // Lc=2, 1 byte follows
    ['00A4040002DF04AABB', 'length-mismatch'], // Lc=2, 4 bytes follow
    ['00D600000000', 'bad-lc'], // 6 bytes
    ['00D60000000000AA', 'bad-lc'], // extended Lc 0000 followed by data
    ['00D6000000000201', 'length-mismatch'], // extended Lc=2, 1 byte
    ['00D600000000020102030405', 'length-mismatch'], // extended Lc=2, 5 bytes (neither 2 nor 2+2)
  ])('%s → %s', (hex, code) => {
    expect(codeOf(() => parseCommandApdu(fromHex(hex)))).toBe(code);
  });
});

describe('encodeCommandApdu', () => {
  const base: CommandApdu = {
    cla: 0,
    ins: 0xb0,
    p1: 0,
    p2: 0,
    data: new Uint8Array(0),
    ne: null,
    extended: false,
  };

  test('ISO 7816-4: Ne=256 short encodes as Le=00, Ne=65536 extended as 000000 (case 2E)', () => {
    expect(toHex(encodeCommandApdu({ ...base, ne: 256 }))).toBe('00B0000000');
    expect(toHex(encodeCommandApdu({ ...base, ne: 65536, extended: true }))).toBe('00B00000000000');
  });

  test('ISO 7816-4: case 4E puts a 2-byte Le after the extended Lc', () => {
    const cmd = { ...base, data: fromHex('0102'), ne: 0x1234, extended: true };
    expect(toHex(encodeCommandApdu(cmd))).toBe('00B000000000020102' + '1234');
  });

  test('case 1 encodes as the bare header whatever `extended` says', () => {
    expect(toHex(encodeCommandApdu({ ...base, extended: true }))).toBe('00B00000');
  });

  test.each([
    [{ ne: 257 }, 'bad-le'],
    [{ ne: 0 }, 'bad-le'],
    [{ ne: 65537, extended: true }, 'bad-le'],
    [{ ne: 1.5 }, 'bad-le'],
    [{ data: new Uint8Array(256) }, 'bad-lc'],
    [{ data: new Uint8Array(65536), extended: true }, 'bad-lc'],
    [{ cla: 256 }, 'bad-field'],
    [{ p2: -1 }, 'bad-field'],
  ] as const)('fields that do not fit: %o → %s', (patch, code) => {
    expect(codeOf(() => encodeCommandApdu({ ...base, ...patch }))).toBe(code);
  });

  test('the SSSE SELECT re-encodes to the same bytes', () => {
    const hex = `00A404000F${SSSE_NAME}00`;
    expect(toHex(encodeCommandApdu(parseCommandApdu(fromHex(hex))))).toBe(hex);
  });
});
