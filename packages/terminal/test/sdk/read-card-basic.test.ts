/** 10-terminal-api §iReadCardBas: the 11 fields of the test cardholder (01-card.md), on both built-in cards. */
import { describe, expect, test } from 'vitest';
import { iGetReaderInfo, iReadCardBas, RC, readCardBasic } from '../../src/index.js';
import { SIM_SERIAL, simReader } from '../sim-reader.js';

// 01-card.md test card; psam-hospital's EF16 is 110100000001 (06-keys.md PSAM profiles).
const FIELDS = (version: string) =>
  `110100|11010119900307001X|A00000001|110100D1560000052611220000010000|张三|00905431168660261122000001|${version}|20261122|20361121|110100000001|${SIM_SERIAL}|`;

describe('10-terminal-api iReadCardBas', () => {
  for (const [profile, version] of [
    ['ssc-2g-des', '2.00'],
    ['ssc-3g-sm4', '3.00'],
  ] as const) {
    test(`${profile} with psam-hospital: the 11 fields, each ended by "|"`, async () => {
      const reader = await simReader(profile, 'psam-hospital');
      expect(await iReadCardBas(reader, 1)).toEqual({ code: 0, out: FIELDS(version) });
      expect(await iReadCardBas(reader, '3')).toEqual({ code: 0, out: FIELDS(version) }); // auto, contact first
    });
  }

  test('the typed face returns the same fields as an object', async () => {
    const basic = await readCardBasic(await simReader('ssc-2g-des', 'psam-hospital'), 1);
    expect(basic).toMatchObject({
      name: '张三',
      region: '110100',
      terminalNumber: '110100000001',
      specVersion: '2.00',
    });
  });

  test('no PSAM → −2201; no card in the asked slot → −2; an iType outside 1..4 → −14', async () => {
    const reader = await simReader('ssc-2g-des', null);
    expect((await iReadCardBas(reader, 1)).code).toBe(RC.noPsam);
    expect(await iReadCardBas(reader, 2)).toEqual({
      code: RC.noCard,
      out: 'no card in the contactless slot',
    });
    expect((await iReadCardBas(reader, 5)).code).toBe(RC.badParameter);
    expect((await iReadCardBas(reader, 'x')).code).toBe(RC.badParameter);
  });

  test('iGetReaderInfo: reader serial and PSAM terminal number; −2201 without a PSAM', async () => {
    expect(await iGetReaderInfo(await simReader('ssc-3g-sm4', 'psam-window'))).toEqual({
      code: 0,
      out: `${SIM_SERIAL}|110100000004|`,
    });
    expect((await iGetReaderInfo(await simReader('ssc-3g-sm4', null))).code).toBe(RC.noPsam);
  });
});
