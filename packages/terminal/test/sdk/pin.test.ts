/** 10-terminal-api §iVerifyPIN … iUnblockPIN: −51 with the tries left, −52 when locked, the PSAM's keys for reload and unblock. */
import { describe, expect, test } from 'vitest';
import { iChangePIN, iReloadPIN, iUnblockPIN, iVerifyPIN, RC } from '../../src/index.js';
import { simReader } from '../sim-reader.js';

const CARD_INFO = '110100D1560000052611220000010000|A00000001|';

describe('10-terminal-api PIN functions', () => {
  for (const profile of ['ssc-2g-des', 'ssc-3g-sm4'] as const) {
    test(`${profile}: verify, a wrong PIN spends a try (−51), five lock it (−52), the window reloads it`, async () => {
      const reader = await simReader(profile, 'psam-window');
      expect(await iVerifyPIN(reader, 1, '123456')).toEqual({ code: 0, out: '' });
      expect(await iVerifyPIN(reader, 1, '000000')).toEqual({
        code: RC.pinCheckFailed,
        out: 'wrong PIN, 4 tries left',
      });
      for (let i = 0; i < 4; i++) await iVerifyPIN(reader, 1, '000000');
      expect(await iVerifyPIN(reader, 1, '123456')).toEqual({ code: RC.pinLocked, out: 'the PIN is locked' });
      expect((await iUnblockPIN(reader, 1, CARD_INFO, '654321')).code).toBe(0);
      expect((await iVerifyPIN(reader, 1, '654321')).code).toBe(0);
      expect((await iReloadPIN(reader, 1, CARD_INFO, '112233')).code).toBe(0);
      expect((await iVerifyPIN(reader, 1, '112233')).code).toBe(0);
    });
  }

  test('change PIN: the old one must be right (−51), then the new one verifies', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-hospital');
    expect((await iChangePIN(reader, 1, '999999', '246810')).code).toBe(RC.pinCheckFailed);
    expect((await iChangePIN(reader, 1, '123456', '246810')).code).toBe(0);
    expect((await iVerifyPIN(reader, 1, '246810')).code).toBe(0);
  });

  test('the hospital PSAM has no reload key or PUK → −2203; another card → −20; a bad PIN → −14', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-hospital');
    expect((await iReloadPIN(reader, 1, CARD_INFO, '112233')).code).toBe(RC.psamLacksKey);
    expect((await iUnblockPIN(reader, 1, CARD_INFO, '112233')).code).toBe(RC.psamLacksKey);
    expect((await iReloadPIN(reader, 1, '110100D1560000052611220000010000|B00000001|', '112233')).code).toBe(
      RC.cardInfoMismatch,
    );
    expect((await iVerifyPIN(reader, 1, '12a4')).code).toBe(RC.badParameter);
    expect((await iVerifyPIN(reader, 1, '123')).code).toBe(RC.badParameter);
  });
});
