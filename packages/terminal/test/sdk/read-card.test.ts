/** 10-terminal-api §iReadCard: pFileAddr, decoded answers, pCardInfo matching and the return codes. */
import { describe, expect, test } from 'vitest';
import { iReadCard, RC } from '../../src/index.js';
import { simReader } from '../sim-reader.js';

const CARD_INFO = '110100D1560000052611220000010000|A00000001|';

describe('10-terminal-api iReadCard', () => {
  for (const profile of ['ssc-2g-des', 'ssc-3g-sm4'] as const) {
    test(`${profile}: SSSE items free, the DF04 item through the hospital PSAM's read key`, async () => {
      const reader = await simReader(profile, 'psam-hospital');
      expect(await iReadCard(reader, 1, 1, CARD_INFO, 'SSSEEF06|08|09|0A|$DF04EF05|81|$')).toEqual({
        code: 0,
        out: '11010119900307001X|张三|1|$01|$',
      });
    });
  }

  test('every encoding: b as hex, cn as digits, an as text; MF and 3F00 name the SSSE too', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-hospital');
    const r = await iReadCard(
      reader,
      1,
      1,
      CARD_INFO,
      'MFEF05|01|04|05|07|$3F00EF06|0B|0C|0D|$DF04EF05|84|87|$',
    );
    expect(r).toEqual({
      code: 0,
      out: '110100D1560000052611220000010000|110100000000000000000001|20261122|A00000001|$01|110100|19900307|$110100|20261122|$',
    });
  });

  test('a numbered record (:NN) reads whole, as hex', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-hospital');
    // DF04 EF15 (EF08 became the card-written payment log of 12-payment, empty at issue)
    const r = await iReadCard(reader, 1, 1, CARD_INFO, 'DF04EF15:01$');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^[0-9A-F]+\|\$$/);
  });

  test('psam-hospital holds no DF03 key → −2203, and says so', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-hospital');
    const r = await iReadCard(reader, 1, 1, CARD_INFO, 'DF03EF05|61|$');
    expect(r.code).toBe(RC.psamLacksKey);
    expect(r.out).toContain('6A88');
  });

  test('pCardInfo of another card → −20; malformed pCardInfo or pFileAddr → −14', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-hospital');
    const other = await iReadCard(
      reader,
      1,
      1,
      '110100D1560000052611220000010001|A00000001|',
      'SSSEEF06|08|$',
    );
    expect(other.code).toBe(RC.cardInfoMismatch);
    expect(other.out).toContain('110100D1560000052611220000010001');
    expect(
      (await iReadCard(reader, 1, 1, '110100D1560000052611220000010000|A00000002|', 'SSSEEF06|08|$')).code,
    ).toBe(RC.cardInfoMismatch);
    for (const info of ['', '110100D156|A00000001|', '110100D1560000052611220000010000|A00000001']) {
      expect((await iReadCard(reader, 1, 1, info, 'SSSEEF06|08|$')).code).toBe(RC.badParameter);
    }
    for (const addr of [
      'SSSEEF06|08|',
      'SSSEEF06$',
      'XXEF06|08|$',
      'SSSEEF06|8|$',
      'SSSEEF06|08|$DF04EF05|$',
    ]) {
      expect((await iReadCard(reader, 1, 1, CARD_INFO, addr)).code, addr).toBe(RC.badParameter);
    }
    expect((await iReadCard(reader, 1, 3, CARD_INFO, 'SSSEEF06|08|$')).code).toBe(RC.badParameter);
    expect((await iReadCard(reader, 1, 2, CARD_INFO, 'SSSEEF06|08|$')).code).toBe(RC.unsupported);
  });

  test('a failing status word comes back as −SW: no such file 6A82 → −27266, no such record 6A83 → −27267', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-hospital');
    expect((await iReadCard(reader, 1, 1, CARD_INFO, 'SSSEEF0D|EA|$')).code).toBe(-27266); // 2g: no EF0D
    expect((await iReadCard(reader, 1, 1, CARD_INFO, 'SSSEEF06|4E|$')).code).toBe(-27267); // 2g: no name extension
  });

  test('without a PSAM free items still read and keyed ones answer −2201', async () => {
    const reader = await simReader('ssc-3g-sm4', null);
    expect(await iReadCard(reader, 1, 1, CARD_INFO, 'SSSEEF0D|EA|EB|$')).toEqual({
      code: 0,
      out: 'P00000000001|110100|$',
    });
    expect((await iReadCard(reader, 1, 1, CARD_INFO, 'DF04EF05|81|$')).code).toBe(RC.noPsam);
  });

  test('a zone not yet activated (开卡) is refused by the card, as −SW', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-hospital', { inService: false });
    const r = await iReadCard(reader, 1, 1, CARD_INFO, 'DF04EF05|81|$');
    expect(r.code).toBeLessThan(-0x6000);
  });
});
