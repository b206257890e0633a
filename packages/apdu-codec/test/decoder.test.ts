/** The decoder for humans: command names and parameters of 02-commands and 05-psam, SW meanings. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  ApduError,
  commandName,
  describeCommand,
  describeResponse,
  formatCommand,
  formatExchange,
  fromHex,
  printableGbk,
} from '../src/index.js';

const SSSE_SELECT = '00A404000F7378312E73682EC9E7BBE1B1A3D5CF00';

describe('describeCommand', () => {
  test('01-card: SELECT of the SSSE by name shows case 4S, Nc=15, Ne=256 and the GBK name', () => {
    const d = describeCommand(fromHex(SSSE_SELECT));
    expect(d).toMatchObject({ name: 'SELECT', parameters: 'by DF name', apduCase: '4S', nc: 15, ne: 256 });
    expect(d.data).toBe('"sx1.sh.社会保障"');
    expect(formatCommand(fromHex(SSSE_SELECT))).toBe(
      'SELECT by DF name, data "sx1.sh.社会保障" (case 4S, Nc=15, Ne=256)',
    );
  });

  test('05-psam: SELECT of PSAM DF01 by AID D15600000590 shows the AID in hex (not text)', () => {
    expect(describeCommand(fromHex('00A4040006D15600000590')).data).toBe('AID D15600000590');
  });

  test('01-card: SELECT of a zone by FID shows the FID', () => {
    expect(describeCommand(fromHex('00A4000002DF04'))).toMatchObject({
      parameters: 'by FID',
      data: 'FID DF04',
    });
  });

  test.each([
    ['805E010007123456FF654321', 'CHANGE PIN'],
    ['805E000007123456AABBCCDD', 'RELOAD PIN'],
    ['842400000C0102030405060708AABBCCDD', 'PIN UNBLOCK'],
    ['841E000104AABBCCDD', 'APPLICATION BLOCK'],
    ['8418000004AABBCCDD', 'APPLICATION UNBLOCK'],
    ['8416000004AABBCCDD', 'CARD BLOCK'],
    ['80E0DF0101AA', 'CREATE FILE'],
    ['80D4010101AA', 'WRITE KEY'],
    ['800E0000', 'ERASE DF'],
    ['801A4715108660261122000001' + '3131303130307378', 'INIT FOR DESCRYPT'],
    ['BFDE2814108660261122000001A1A2A3A4A5A6A7A8', 'SESSION INIT'],
    ['80FA0000081122334455667788', 'CIPHER DATA'],
    ['0084000008', 'GET CHALLENGE'],
    ['00C0000008', 'GET RESPONSE'],
    ['0020000003123456', 'VERIFY'],
    [`0082000110${'00'.repeat(16)}`, 'EXTERNAL AUTHENTICATE'],
    [`0088000508${'00'.repeat(8)}`, 'INTERNAL AUTHENTICATE'],
  ])('02-commands/05-psam: %s is %s', (hex, name) => {
    expect(commandName(fromHex(hex))).toBe(name);
  });

  test('02-commands: proprietary INS codes are only looked up under proprietary CLAs (00 24 ≠ 84 24)', () => {
    expect(commandName(fromHex('0024000000'))).toBe('CHANGE REFERENCE DATA');
    expect(commandName(fromHex('8424000000'))).toBe('PIN UNBLOCK');
  });

  test('02-commands: P1/P2 meanings of the card commands', () => {
    const p = (hex: string) => describeCommand(fromHex(hex)).parameters;
    expect(p('00B0960006')).toBe('SFI 16, offset 0');
    expect(p('00B0010206')).toBe('offset 258, current EF');
    expect(p('00B2012C00')).toBe('record 1, SFI 05');
    expect(p('00B2093000')).toBe('first record with tag 09, SFI 06');
    expect(p('00B2093200')).toBe('next record with tag 09, SFI 06');
    expect(p('00200000')).toBe('query tries left');
    expect(p('80E0DF0101A8')).toBe('FID DF01, transparent EF, MAC');
    expect(p('80E0DF010138')).toBe('FID DF01, MF/DF');
    expect(p('80D401010139')).toBe('add, key 01, external authentication');
    expect(p('84D401011011223344556677881122334455667788')).toBe('add, key 01'); // cryptogram: no type
    expect(p('841E000104AABBCCDD')).toBe('permanent');
    expect(p('841E000004AABBCCDD')).toBe('temporary');
    expect(p(`0082000110${'00'.repeat(16)}`)).toBe('key 01');
    expect(p(`80FA000008${'00'.repeat(8)}`)).toBe('encrypt');
    expect(p(`80FA050008${'00'.repeat(8)}`)).toBe('MAC');
    expect(p(`BFDE4814188660261122000001${'00'.repeat(16)}`)).toContain('2-level');
  });

  test('02-commands: CLA 04/84 are marked as secure messaging', () => {
    expect(formatCommand(fromHex('04B2012C04AABBCCDD00'))).toContain('[SM]');
    expect(formatCommand(fromHex('00B2012C00'))).not.toContain('[SM]');
  });

  test('malformed commands throw ApduError from describeCommand, and are described by formatCommand', () => {
    expect(() => describeCommand(fromHex('00A4'))).toThrow(ApduError);
    expect(formatCommand(fromHex('00A4'))).toMatch(/^malformed command 00A4/);
  });

  test.prop([fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 })])(
    'formatExchange never throws, whatever the bytes',
    (cmd, resp) => {
      expect(typeof formatExchange(cmd, resp)).toBe('string');
    },
  );
});

describe('describeResponse', () => {
  test('02-commands: 9000 with data', () => {
    expect(describeResponse(fromHex('0201339000'))).toMatchObject({
      sw: '9000',
      category: 'ok',
      dataLength: 3,
      dataHex: '020133',
    });
  });

  test('01-card "SELECT answer": an FCI 6F is summarised with its DF name and algorithm (86 01 01 = 3DES, 03 = SM4)', () => {
    const fci = '6F19840F7378312E73682EC9E7BBE1B1A3D5CFA5069F0C0386010';
    expect(describeResponse(fromHex(`${fci}19000`)).data).toBe(
      'FCI DF name "sx1.sh.社会保障", algorithm 3DES',
    );
    expect(describeResponse(fromHex(`${fci}39000`)).data).toBe(
      'FCI DF name "sx1.sh.社会保障", algorithm SM4',
    );
    expect(describeResponse(fromHex('6F0300019000')).data).toBe('6F030001'); // not a valid FCI: hex
  });

  test('one line for a pair: command → response with the SW meaning', () => {
    expect(formatExchange(fromHex(SSSE_SELECT), fromHex('6A82'))).toBe(
      'SELECT by DF name, data "sx1.sh.社会保障" (case 4S, Nc=15, Ne=256) → 6A82 file or application not found',
    );
  });
});

describe('printableGbk', () => {
  test('01-card: GBK 张三 decodes; binary and control bytes do not', () => {
    expect(printableGbk(fromHex('D5C5C8FD'))).toBe('张三');
    expect(printableGbk(fromHex('D15600000590'))).toBeNull();
    expect(printableGbk(new Uint8Array(0))).toBeNull();
  });
});
