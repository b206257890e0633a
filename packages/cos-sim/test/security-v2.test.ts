/**
 * 03-security.md §v2 and 09-perso.md §v2 (issue 15 findings 1–4): holes found by attacking the
 * card, each closed by a v2 rule.
 */
import { sessionCryptogram } from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import { concat, hex, sw } from './helpers/bytes.js';
import { cardImage, GENERATIONS } from './helpers/images.js';
import { MASTER_KEYS, provinceKey, ZONE_MASTER_KEYS } from './helpers/spec-image.js';
import { byte, Terminal } from './helpers/terminal.js';

describe.each(GENERATIONS)('%s v2 security rules', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';
  const fresh = () => {
    const card = new Card(cardImage(gen), { seed: 7 });
    return { card, t: new Terminal(card, alg) };
  };
  const zone = (df: number, k: 'RK' | 'UK' | 'STK' | 'MK') => provinceKey(alg, ZONE_MASTER_KEYS[df]![k]);
  const mfMaster = provinceKey(alg, MASTER_KEYS['MP-MK']);
  const mfStk = provinceKey(alg, MASTER_KEYS['MP-STK']);
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

  test('finding 3: EXTERNAL AUTHENTICATE after a 4-byte challenge answers 6984 and spends nothing', () => {
    const { card, t } = fresh();
    t.selectSsse();
    t.select('DF03');
    const key = zone(0xdf03, 'RK');
    const r = t.challenge(4);
    const x = new Uint8Array(big).fill(0x5a);
    const cryptogram = sessionCryptogram(alg, key, r, x);
    expect(sw(t.send(concat(hex(`00820001${byte(2 * big)}`), cryptogram, x)))).toBe(0x6984);
    const df03 = card.image.mf.children.find((c) => c.type === 'df' && c.fid === 0xdf03);
    const ext =
      df03?.type === 'df' ? df03.keys.find((k) => k.id === 1 && k.type === 'external-auth') : undefined;
    expect(ext?.triesLeft).toBe(ext?.maxTries);
    expect(t.externalAuthenticate(0x01, key, 8)).toBe(0x9000); // 8 bytes are enough (a 3g card pads)
  });

  test('finding 4: wrong MACs spend tries of the key they were checked with, 6983 at 0, a right MAC restores', () => {
    const { card, t } = fresh();
    t.selectSsse();
    const lineKey = () => card.image.mf.keys.find((k) => k.type === 'line-protection')!;
    const max = lineKey().maxTries;
    expect(max).toBeGreaterThan(0);
    const wrong = provinceKey(alg, MASTER_KEYS['MP-PUK']);
    expect(lineCommand(t, 0x1e, 0x00, wrong)).toBe(0x6988);
    expect(lineKey().triesLeft).toBe(max - 1);
    expect(lineCommand(t, 0x1e, 0x00, mfStk)).toBe(0x9000); // right MAC: counter restored
    expect(lineKey().triesLeft).toBe(max);
    expect(lineCommand(t, 0x18, 0x00, mfStk)).toBe(0x9000);
    for (let i = 0; i < max; i++) expect(lineCommand(t, 0x1e, 0x00, wrong)).toBe(0x6988);
    expect(lineKey().triesLeft).toBe(0);
    expect(lineCommand(t, 0x1e, 0x00, mfStk)).toBe(0x6983);
  });

  test('finding 4: a wrong RELOAD PIN MAC spends a try of the reload key', () => {
    const { card, t } = fresh();
    t.selectSsse();
    const reload = () => card.image.mf.keys.find((k) => k.type === 'pin-reload')!;
    const max = reload().maxTries;
    expect(t.reloadPin('123456', provinceKey(alg, MASTER_KEYS['MP-PUK']))).toBe(0x6988);
    expect(reload().triesLeft).toBe(max - 1);
    expect(t.reloadPin('123456', provinceKey(alg, MASTER_KEYS['MP-RPK']))).toBe(0x9000);
    expect(reload().triesLeft).toBe(max);
  });

  test('finding 4: a wrong PIN UNBLOCK MAC spends a try of the unblock key, a right one restores it', () => {
    const { card, t } = fresh();
    t.selectSsse();
    const puk = () => card.image.mf.keys.find((k) => k.type === 'pin-unblock')!;
    const max = puk().maxTries;
    expect(max).toBeGreaterThan(0);
    const rightPuk = provinceKey(alg, MASTER_KEYS['MP-PUK']);
    const flipped = t.protectedCommand(0x80, 0x24, 0, 0, hex('123456'), rightPuk, {
      encryptionKey: rightPuk,
    });
    flipped[flipped.length - 1]! ^= 0x01;
    expect(sw(t.send(flipped))).toBe(0x6988);
    expect(puk().triesLeft).toBe(max - 1);
    expect(t.pinUnblock('123456', provinceKey(alg, MASTER_KEYS['MP-RPK']))).toBe(0x6988);
    expect(puk().triesLeft).toBe(max - 2);
    expect(t.pinUnblock('123456', rightPuk)).toBe(0x9000);
    expect(puk().triesLeft).toBe(max);
  });

  test('finding 4: the try is committed before the comparison — a power cut at that write leaves it spent', () => {
    const { card, t } = fresh();
    t.selectSsse();
    const lineKey = () => card.image.mf.keys.find((k) => k.type === 'line-protection')!;
    const max = lineKey().maxTries;
    // A right MAC: write 1 is the spent try, committed before the comparison; write 2 restores
    // it. Power cut during write 2: the try stays spent (a comparison is never free), and the
    // next right MAC restores it.
    const cmd = t.protectedCommand(0x80, 0x1e, 0, 0, new Uint8Array(0), mfStk);
    card.cutPowerAfterWrites(2);
    expect(card.transmit(cmd)).toHaveLength(0);
    expect(lineKey().triesLeft).toBe(max - 1);
    t.selectSsse();
    expect(lineCommand(t, 0x1e, 0x00, mfStk)).toBe(0x9000);
    expect(lineKey().triesLeft).toBe(max);
  });
});
