/**
 * 03-security.md §v2 and 09-perso.md §v2 (issue 15 findings 1–2): holes found by attacking the
 * card, each closed by a v2 rule.
 */
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import { sw } from './helpers/bytes.js';
import { cardImage, GENERATIONS } from './helpers/images.js';
import { MASTER_KEYS, provinceKey, ZONE_MASTER_KEYS } from './helpers/spec-image.js';
import { Terminal } from './helpers/terminal.js';

describe.each(GENERATIONS)('%s v2 security rules', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';
  const fresh = () => {
    const card = new Card(cardImage(gen), { seed: 7 });
    return { card, t: new Terminal(card, alg) };
  };
  const zone = (df: number, k: 'RK' | 'UK' | 'STK' | 'MK') => provinceKey(alg, ZONE_MASTER_KEYS[df]![k]);
  const mfMaster = provinceKey(alg, MASTER_KEYS['MP-MK']);
  const big = alg === 'sm4' ? 16 : 8;
  const lineCommand = (t: Terminal, ins: number, p2: number, key: Uint8Array) =>
    sw(t.send(t.protectedCommand(0x80, ins, 0, p2, new Uint8Array(0), key)));

  test('finding 1: a permanent block is forever — the CREATE FILE issue form and ERASE DF above answer 6985', () => {
    const { t } = fresh();
    t.selectSsse();
    t.select('DF03');
    expect(lineCommand(t, 0x1e, 0x01, zone(0xdf03, 'STK'))).toBe(0x9000);
    expect(lineCommand(t, 0x18, 0x00, zone(0xdf03, 'STK'))).toBe(0x9303);
    t.select('3F00');
    expect(t.externalAuthenticate(0x0f, mfMaster, big)).toBe(0x9000);
    expect(t.sw('80E0DF0303E20100')).toBe('6985');
    expect(t.sw('80E0DF0303E20101')).toBe('6985');
    expect(t.sw('800E0000')).toBe('6985');
    expect(t.sw('00A4000002DF03').slice(0, 2)).not.toBe('90');
  });

  test('finding 1: the issue form does not activate DF04 once personalisation has ended (no DF04 line key)', () => {
    const { t } = fresh();
    t.selectSsse();
    expect(t.externalAuthenticate(0x0f, mfMaster, big)).toBe(0x9000);
    expect(t.sw('80E0DF0403E20100')).toBe('6985');
    expect(t.sw('00A4000002DF04')).toBe('6283');
  });

  test('finding 2: a PIN created in one zone never opens another zone', () => {
    const { t } = fresh();
    t.selectSsse();
    t.select('DF03');
    expect(t.externalAuthenticate(0x0f, zone(0xdf03, 'MK'), big)).toBe(0x9000);
    expect(t.sw('800E0000')).toBe('9000');
    expect(t.sw('80E00000073F01950000FFFF')).toBe('9000');
    expect(t.sw('80D40100083AF0EF0155123456')).toBe('9000');
    expect(t.sw('0020000003123456')).toBe('9000'); // DF03's own PIN: its own verified state
    t.select('3F00');
    t.select('DF01');
    expect(t.sw('00B2012C00')).toBe('6982');
    t.select('3F00');
    t.select('DF02');
    expect(t.sw('00B2012C00')).toBe('6982');
  });
});
