/** The file system: SELECT, READ/UPDATE BINARY, READ/UPDATE/APPEND RECORD (01-card.md, 02-commands.md). */
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import { ascii, dataOf, swHex, toHex } from './helpers/bytes.js';
import { cardImage, GENERATIONS } from './helpers/images.js';
import { MASTER_KEYS, ministryKey, provinceKey, ZONE_MASTER_KEYS } from './helpers/spec-image.js';
import { Terminal } from './helpers/terminal.js';

describe.each(GENERATIONS)('%s files', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';
  const fresh = (transport: 'T0' | 'T1' = 'T0') => {
    const card = new Card(cardImage(gen, transport), { seed: 3 });
    return { card, t: new Terminal(card, alg) };
  };

  test('01-card: MF by FID 3F00 and by name; DFs by FID; unknown FID → 6A82', () => {
    const { t } = fresh();
    expect(t.select('3F00')).toBe(0x9000);
    expect(t.selectSsse()).toBe(0x9000);
    for (const df of ['DF01', 'DF02', 'DF03']) {
      expect(t.select('3F00')).toBe(0x9000);
      expect(t.select(df)).toBe(0x9000);
    }
    expect(t.select('3F00')).toBe(0x9000);
    expect(t.select('DF09')).toBe(0x6a82);
    expect(t.sw('00A404000341424300')).toBe('6A82');
  });

  test('01-card: EFs by FID with P1=00 and P1=02; SELECT of an EF answers 9000 without data', () => {
    const { t } = fresh();
    const r1 = t.send('00A4000002EF05');
    expect(toHex(r1)).toBe('9000');
    const r2 = t.send('00A4020002EF06');
    expect(toHex(r2)).toBe('9000');
    expect(t.exchange('00B2010400').data[0]).toBe(0x08); // current EF = EF06, record 1 = tag 08
  });

  test('01-card: the key file is not selectable', () => {
    const { t } = fresh();
    expect(t.sw('00A40000020000')).toBe('6A82');
  });

  test('01-card: a failed SELECT keeps the current DF', () => {
    const { t } = fresh();
    t.select('DF01');
    expect(t.select('EF77')).toBe(0x6a82);
    expect(t.sw('00B2012C00')).toBe('6982'); // still in DF01 (zone rule), not in the MF (FREE)
  });

  test('02-commands: SELECT P2 other than 00 → 6A86; name longer than 16 → 6700', () => {
    const { t } = fresh();
    expect(t.sw('00A4000C02DF01')).toBe('6A86');
    expect(t.sw(`00A4040011${'00'.repeat(17)}`)).toBe('6700');
  });

  test('01-card SSSE EF05 issuer data: records 1..7 by number are the spec values', () => {
    const { t } = fresh();
    const expected = [
      '0110110100D1560000052611220000010000',
      `020133`,
      `0304${toHex(ascii(gen === '2g' ? '2.00' : '3.00'))}`,
      '040C110100000000000000000001',
      '050420261122',
      '060420361121',
      `0709${toHex(ascii('A00000001'))}`,
    ];
    expected.forEach((rec, i) => {
      const r = t.exchange(`00B2${(i + 1).toString(16).padStart(2, '0')}2C00`);
      expect(r.sw).toBe(0x9000);
      expect(toHex(r.data)).toBe(rec);
    });
    expect(t.sw('00B2082C00')).toBe('6A83');
  });

  test('01-card records by identifier: first/next/last/previous; 4E only on 3g', () => {
    const { t } = fresh();
    // EF06 by SFI 06, tag 09 (name), first occurrence: P2 = 06<<3 | 000 = 30
    const name = t.exchange('00B2093000');
    expect(name.sw).toBe(0x9000);
    expect(toHex(name.data.subarray(0, 6))).toBe('091ED5C5C8FD');
    expect(t.exchange('00B24E3000').sw).toBe(gen === '3g' ? 0x9000 : 0x6a83);
    // last occurrence (001) of tag 0D, then previous (011) of tag 0D does not exist
    expect(t.exchange('00B20D3100').data[0]).toBe(0x0d);
    expect(t.sw('00B20D3300')).toBe('6A83');
    // next (010) after the record pointer: tag 0A is after 09
    t.exchange('00B2093000');
    expect(t.exchange('00B20A3200').data[0]).toBe(0x0a);
    expect(t.sw('00B2093200')).toBe('6A83'); // no 09 after 0A
    expect(t.exchange('00B2093300').data[0]).toBe(0x09); // previous 09 before 0A
  });

  test('02-commands READ RECORD: Le shorter or longer than the record → 6Cxx with its length', () => {
    const { t } = fresh();
    expect(t.sw('00B2022C05')).toBe('6C03');
    expect(t.sw('00B2022C02')).toBe('6C03');
    expect(toHex(t.send('00B2022C03'))).toBe('0201339000');
    // 02 §v2: under T0 a READ without Le is Le=00 (the built-in cards are T0); under T1 it stays 6700
    expect(toHex(t.send('00B2022C'))).toBe('0201339000');
  });

  test('02-commands READ RECORD: P2 mode 111 and record 0 → 6A86; unknown SFI → 6A82 (101/110: 02 §v2, commands-v2.test.ts)', () => {
    const { t } = fresh();
    expect(t.sw('00B2012F00')).toBe('6A86');
    expect(t.sw('00B2002C00')).toBe('6A86');
    expect(t.sw('00B201FC00')).toBe('6A86');
    expect(t.sw('00B2019C00')).toBe('6A82');
  });

  test('02-commands: READ RECORD P2=04 without a current EF → 6986; on a transparent EF → 6981', () => {
    const { t } = fresh();
    expect(t.sw('00B2010400')).toBe('6986');
    expect(t.sw('00B2013C00')).toBe('6981'); // SFI 07 = EF07 fingerprint, transparent
    expect(t.sw('00B0850000')).toBe('6981'); // READ BINARY on EF05 (records)
  });

  test('02-commands READ BINARY: offset ≥ size → 6B00 (step 4, before the access check)', () => {
    const { t } = fresh();
    expect(t.sw('00B0870400' /* SFI 7 offset 4 */)).toBe('6982');
    t.send('00A4000002EF07');
    expect(t.sw('00B0040000')).toBe('6B00'); // offset 1024 = size, and the rule (KEY 07) is not met
  });

  test('02-commands READ BINARY: never-written EF reads zeros; Le=00 → up to 256; offset+Le > size → 6Cxx', () => {
    const { t } = fresh();
    expect(t.externalAuthenticate(0x07, ministryKey(alg, MASTER_KEYS['MM-RB']))).toBe(0x9000);
    const r = t.send('00B0870000');
    expect(swHex(r)).toBe('9000');
    expect(dataOf(r)).toEqual(new Uint8Array(256));
    expect(dataOf(t.send('00B003F000')).length).toBe(16); // offset 1008 of 1024
    expect(t.sw('00B003F020')).toBe('6C10');
    expect(t.sw('00B0E00000')).toBe('6A86'); // P1 bits 7-6 set with the SFI bit
  });

  test('02-commands UPDATE BINARY under KEY 04; write past the end → 6A84; never in place', () => {
    const { card, t } = fresh();
    expect(t.sw('00D6870002AABB')).toBe('6982');
    expect(t.externalAuthenticate(0x04, ministryKey(alg, MASTER_KEYS['MM-UB']))).toBe(0x9000);
    const before = card.image;
    expect(t.sw('00D6870002AABB')).toBe('9000');
    expect(t.sw('00D603FF02AABB')).toBe('6A84');
    expect(t.externalAuthenticate(0x07, ministryKey(alg, MASTER_KEYS['MM-RB']))).toBe(0x9000);
    expect(toHex(t.send('00B0870004'))).toBe('AABB00009000');
    const oldEf07 = before.mf.children.find((c) => c.fid === 0xef07);
    expect(oldEf07 && 'data' in oldEf07 ? oldEf07.data : 'x').toBeNull();
  });

  test('01-card UPDATE RECORD takes the whole TLV and may not change its length (6700); bad TLV → 6A80', () => {
    const { t } = fresh();
    expect(t.externalAuthenticate(0x04, ministryKey(alg, MASTER_KEYS['MM-UB']))).toBe(0x9000);
    expect(t.sw('00DC022C03020134')).toBe('9000');
    expect(toHex(t.exchange('00B2022C00').data)).toBe('020134');
    expect(t.sw('00DC022C0402023435')).toBe('6700');
    expect(t.sw('00DC022C03020234')).toBe('6A80');
    expect(t.sw('00DC092C03020134')).toBe('6A83');
  });

  test('01-card cyclic EF: APPEND writes record 1, the oldest falls off; UPDATE RECORD → 6981', () => {
    const { t } = fresh();
    t.select('DF02');
    const uk = provinceKey(alg, ZONE_MASTER_KEYS[0xdf02]!.UK);
    const rk = provinceKey(alg, ZONE_MASTER_KEYS[0xdf02]!.RK);
    expect(t.sw(`00E2003817${'01'.repeat(23)}`)).toBe('6982');
    expect(t.externalAuthenticate(0x02, uk)).toBe(0x9000);
    for (let i = 1; i <= 5; i++)
      expect(t.sw(`00E2003817${i.toString(16).padStart(2, '0').repeat(23)}`)).toBe('9000');
    expect(t.sw(`00E200381601${'00'.repeat(21)}`)).toBe('6700');
    expect(t.sw(`00DC013C17${'00'.repeat(23)}`)).toBe('6981');
    expect(t.externalAuthenticate(0x01, rk)).toBe(0x9000);
    expect(t.exchange('00B2013C00').data[0]).toBe(5);
    expect(t.exchange('00B2043C00').data[0]).toBe(2);
    expect(t.sw('00B2053C00')).toBe('6A83');
  });

  test('02-commands APPEND on a full variable-record file → 6A84, P1 ≠ 0 → 6A86', () => {
    const { t } = fresh();
    t.select('DF02');
    expect(t.externalAuthenticate(0x02, provinceKey(alg, ZONE_MASTER_KEYS[0xdf02]!.UK))).toBe(0x9000);
    expect(t.sw('00E2012803430131')).toBe('6A86');
    let sw = '9000';
    let n = 0;
    while (sw === '9000' && n < 20) {
      sw = t.sw('00E2002803430131');
      n++;
    }
    expect(sw).toBe('6A84');
    expect(t.sw('00E20028024301')).toBe('6A80');
  });

  test('02-commands: SFI addressing makes that EF current', () => {
    const { t } = fresh();
    t.exchange('00B2013400'); // EF06 via SFI 06, record 1
    expect(t.exchange('00B2010400').data[0]).toBe(0x08);
  });
});
