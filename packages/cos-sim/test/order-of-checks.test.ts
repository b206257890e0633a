/**
 * 02-commands "Order of checks": for neighbouring steps, a command failing both answers the
 * earlier one. Plus the rules whose checks sit at one step only (NEVER, FMCOS registers).
 */
import { directCryptogram } from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import { concat, hex, sw, toHex } from './helpers/bytes.js';
import { cardImage, GENERATIONS, withEf } from './helpers/images.js';
import { MASTER_KEYS, ministryKey, provinceKey, rule, ZONE_MASTER_KEYS } from './helpers/spec-image.js';
import { Terminal } from './helpers/terminal.js';

describe.each(GENERATIONS)('%s order of checks', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';
  const fresh = (image = cardImage(gen)) => {
    const card = new Card(image, { seed: 4 });
    return { card, t: new Terminal(card, alg) };
  };

  test('step 1 before 2: a blocked card answers 6A81 even to a bad CLA', () => {
    const { t } = fresh();
    t.send(t.protectedCommand(0x80, 0x16, 0, 0, new Uint8Array(0), provinceKey(alg, MASTER_KEYS['MP-STK'])));
    expect(t.sw('FF000000')).toBe('6A81');
    expect(t.sw('')).toBe('6A81');
  });

  test('step 3 before 4: unknown INS with odd P1/P2 → 6D00', () => {
    expect(fresh().t.sw('0060FFFF00')).toBe('6D00');
  });

  test('step 4 before 6: bad P1/P2 in a blocked application → 6A86', () => {
    const { t } = fresh();
    t.sw('00A4000002DF04');
    expect(t.sw('00B2012F00')).toBe('6A86'); // mode 111 (101/110 are reads of several records, 02 §v2)
  });

  test('step 5 before 6: bad length in a blocked application → 6700', () => {
    const { t } = fresh();
    t.sw('00A4000002DF04');
    expect(t.sw('00B2012C0000')).toBe('6700'); // extended Le (a 4-byte READ is Le=00 under T0, 02 §v2)
  });

  test('step 6 before 7: blocked application and a missing file → 6A81', () => {
    const { t } = fresh();
    t.sw('00A4000002DF04');
    expect(t.sw('00B2019C00')).toBe('6A81');
  });

  test('step 7 before 8: missing record without the rights → 6A83; missing key → 6A88', () => {
    const { t } = fresh();
    t.select('DF01');
    expect(t.sw('00B2092C00')).toBe('6A83');
    expect(t.sw('00B2019C00')).toBe('6A82');
  });

  test('step 8 before 9: +SM file without the rights, plain CLA → 6982 (not 6987)', () => {
    const image = withEf(cardImage(gen), 0xdf01, 0xef05, (ef) => ({ ...ef, read: rule('PIN|KEY 01 +SM') }));
    const { t } = fresh(image);
    t.select('DF01');
    expect(t.sw('00B2012C00')).toBe('6982');
    t.sw('0020000003123456');
    expect(t.sw('00B2012C00')).toBe('6987');
  });

  test('step 9 before 10: PIN UNBLOCK with a wrong MAC and undecryptable data → 6988', () => {
    const { t } = fresh();
    const block = '00'.repeat(gen === '2g' ? 8 : 16);
    const lc = (block.length / 2 + 4).toString(16).padStart(2, '0');
    t.challenge();
    expect(t.sw(`84240000${lc}${block}00000000`)).toBe('6988');
  });

  test('step 10 before 11: UPDATE RECORD length 6700 comes after the rights (KEY 04)', () => {
    const { t } = fresh();
    expect(t.sw('00DC022C0402023435')).toBe('6982');
    t.externalAuthenticate(0x04, ministryKey(alg, MASTER_KEYS['MM-UB']));
    expect(t.sw('00DC022C0402023435')).toBe('6700');
  });

  test('03-security NEVER: no security state opens a NEVER file', () => {
    const image = withEf(cardImage(gen), null, 0xef05, (ef) => ({ ...ef, read: rule('NEVER') }));
    const { t } = fresh(image);
    t.sw('0020000003123456');
    for (const [kid, master] of [
      [0x04, MASTER_KEYS['MM-UB']],
      [0x07, MASTER_KEYS['MM-RB']],
    ] as const) {
      expect(t.externalAuthenticate(kid, ministryKey(alg, master))).toBe(0x9000);
    }
    expect(t.sw('00B2012C00')).toBe('6982');
  });

  test('03-security FMCOS XY: EXTERNAL AUTHENTICATE raises the DF register to the follow-up state (1)', () => {
    const image = withEf(cardImage(gen), 0xdf01, 0xef05, (ef) => ({
      ...ef,
      read: { kind: 'FMCOS', fmcos: 0x11, sm: false },
    }));
    const { t } = fresh(image);
    t.select('DF01');
    expect(t.sw('00B2012C00')).toBe('6982');
    expect(t.externalAuthenticate(0x02, provinceKey(alg, ZONE_MASTER_KEYS[0xdf01]!.UK))).toBe(0x9000);
    expect(sw(t.send('00B2012C00'))).toBe(0x9000);
    t.select('DF01'); // selecting a DF resets its register
    expect(t.sw('00B2012C00')).toBe('6982');
  });

  test('04-crypto direct form: EXTERNAL AUTHENTICATE with E(K, R ‖ 00…) (one block)', () => {
    const { t } = fresh();
    const key = ministryKey(alg, MASTER_KEYS['MM-RB']);
    const r = t.challenge(8); // 03-security §v2: 8 bytes or more
    const c = directCryptogram(alg, key, r);
    expect(toHex(t.send(concat(hex(`00820007${c.length.toString(16).padStart(2, '0')}`), c)))).toBe('9000');
    expect(t.sw('00B0870001')).toBe('9000');
  });
});

describe.each(GENERATIONS)('%s 01-card test cardholder', (gen) => {
  test('SSSE EF06 records in order: 08, 09, (4E on 3g), 0A, 0B, 0C, 0D with the test values', () => {
    const t = new Terminal(new Card(cardImage(gen)), gen === '2g' ? '3des' : 'sm4');
    const records: string[] = [];
    for (let n = 1; n <= 8; n++) {
      const r = t.exchange(`00B2${n.toString(16).padStart(2, '0')}3400`);
      if (r.sw !== 0x9000) break;
      records.push(toHex(r.data));
    }
    const name = `091ED5C5C8FD${'00'.repeat(26)}`; // 30 bytes GBK, 00-padded
    expect(records).toEqual([
      `0812${Buffer.from('11010119900307001X').toString('hex').toUpperCase()}`,
      name,
      ...(gen === '3g' ? [`4E14${'FF'.repeat(20)}`] : []),
      '0A0131',
      '0B0101',
      '0C03110100',
      '0D0419900307',
    ]);
  });

  test('SSSE EF0D (3g only): EA person code, EB first-application place', () => {
    const t = new Terminal(new Card(cardImage(gen)), gen === '2g' ? '3des' : 'sm4');
    if (gen === '2g') {
      expect(t.sw('00A4000002EF0D')).toBe('6A82');
      return;
    }
    expect(toHex(t.exchange('00B2EA6800').data)).toBe(
      `EA0C${Buffer.from('P00000000001').toString('hex').toUpperCase()}`,
    );
    expect(toHex(t.exchange('00B2EB6800').data)).toBe('EB03110100');
  });
});
