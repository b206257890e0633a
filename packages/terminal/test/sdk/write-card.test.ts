/** 10-terminal-api §iWriteCard: items encoded to their length, written under the file's update key. */
import { describe, expect, test } from 'vitest';
import { iReadCard, iWriteCard, RC } from '../../src/index.js';
import { simReader } from '../sim-reader.js';

const CARD_INFO = '110100D1560000052611220000010000|A00000001|';

describe('10-terminal-api iWriteCard', () => {
  test('DF04 items with the hospital PSAM (update key 02), read back decoded', async () => {
    const reader = await simReader('ssc-3g-sm4', 'psam-hospital');
    expect(await iWriteCard(reader, 1, CARD_INFO, 'DF04EF05|81|87|$', '02|20270101|$')).toEqual({
      code: 0,
      out: '',
    });
    expect((await iReadCard(reader, 1, 1, CARD_INFO, 'DF04EF05|81|84|87|$')).out).toBe(
      '02|110100|20270101|$',
    );
  });

  test('GBK text and padding: the window PSAM rewrites the DF01 address (gbk 80, 00-padded)', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-window');
    expect((await iWriteCard(reader, 1, CARD_INFO, 'DF01EF05|20|$', '北京市西城区新街1号|$')).code).toBe(0);
    expect((await iReadCard(reader, 1, 1, CARD_INFO, 'DF01EF05|20|21|$')).out).toBe(
      '北京市西城区新街1号|1|$',
    );
  });

  test('a PSAM without the update key → −2203, and nothing is written', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-hospital');
    expect((await iWriteCard(reader, 1, CARD_INFO, 'SSSEEF06|09|$', '李四|$')).code).toBe(RC.psamLacksKey);
    expect((await iReadCard(reader, 1, 1, CARD_INFO, 'SSSEEF06|09|$')).out).toBe('张三|$');
  });

  test('values that do not fit their item, or a data string of another shape → −14', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-hospital');
    for (const [addr, data] of [
      ['DF04EF05|87|$', '2027010112|$'], // cn 4 holds 8 digits
      ['DF04EF05|87|$', '2027AB01|$'], // not digits
      ['DF04EF05|81|$', '012|$'], // an 2
      ['DF04EF05|81|87|$', '02|$'], // one value short
      ['DF04EF05|81|$', '02|'], // no "$"
      ['DF04EF05|81|$', '02|$03|$'], // a block too many
    ] as const) {
      expect((await iWriteCard(reader, 1, CARD_INFO, addr, data)).code, `${addr} ${data}`).toBe(
        RC.badParameter,
      );
    }
    expect((await iReadCard(reader, 1, 1, CARD_INFO, 'DF04EF05|81|87|$')).out).toBe('01|20261122|$');
  });

  test('pCardInfo of another card → −20 before anything is written', async () => {
    const reader = await simReader('ssc-2g-des', 'psam-hospital');
    const r = await iWriteCard(
      reader,
      1,
      '110100D1560000052611220000010000|A00000009|',
      'DF04EF05|81|$',
      '02|$',
    );
    expect(r.code).toBe(RC.cardInfoMismatch);
  });
});
