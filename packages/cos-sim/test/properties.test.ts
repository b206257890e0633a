/** Property tests (fast-check) of rules that hold for all inputs. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Card } from '../src/card.js';
import { fmcosSatisfied } from '../src/security/access.js';
import { pinDigits } from '../src/security/pin-format.js';
import { deserializeImage, serializeImage } from '../src/state/serialize.js';
import { dataOf, hex, sw, toHex } from './helpers/bytes.js';
import { cardImage, GENERATIONS } from './helpers/images.js';
import { MASTER_KEYS, ministryKey } from './helpers/spec-image.js';
import { Terminal } from './helpers/terminal.js';

describe('03-security FMCOS XY', () => {
  test.prop([fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), fc.nat(15), fc.nat(15)])(
    'X=0 → MF register ≥ Y; X ≥ Y → Y ≤ DF register ≤ X; X < Y → never',
    (x, y, mf, df) => {
      const expected = x === 0 ? mf >= y : x >= y ? df >= y && df <= x : false;
      expect(fmcosSatisfied((x << 4) | y, mf, df)).toBe(expected);
    },
  );
});

describe('02-commands PIN format', () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 12 })])(
    'BCD digits right-padded with F decode to the same digits (2–6 bytes)',
    (digits) => {
      const nibbles = [...digits];
      while (nibbles.length < 4 || nibbles.length % 2) nibbles.push(0xf);
      const bytes = new Uint8Array(nibbles.length / 2).map(
        (_, i) => (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!,
      );
      expect(Array.from(pinDigits(bytes) ?? [])).toEqual(digits);
    },
  );

  test.prop([fc.uint8Array({ minLength: 2, maxLength: 6 })])(
    'a nibble > 9 before the padding, or a digit after it, is invalid',
    (bytes) => {
      const nibbles = Array.from(bytes).flatMap((b) => [b >> 4, b & 15]);
      const firstPad = nibbles.indexOf(15);
      const head = firstPad < 0 ? nibbles : nibbles.slice(0, firstPad);
      const tail = firstPad < 0 ? [] : nibbles.slice(firstPad);
      const valid = head.length > 0 && head.every((n) => n <= 9) && tail.every((n) => n === 15);
      expect(pinDigits(bytes) !== null).toBe(valid);
    },
  );
});

describe.each(GENERATIONS)('%s card properties', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';

  test.prop([fc.uint8Array({ maxLength: 300 })], { numRuns: 500 })(
    '02-commands: every byte string gets a status word, never 6F00',
    (bytes) => {
      const card = new Card(cardImage(gen), { seed: 1 });
      const r = card.transmit(bytes);
      expect(r.length).toBeGreaterThanOrEqual(2);
      expect(sw(r)).not.toBe(0x6f00);
    },
  );

  test.prop([fc.integer({ min: 0, max: 0x7fff }), fc.integer({ min: 0, max: 255 })], { numRuns: 300 })(
    '02-commands READ BINARY: offset ≥ size → 6B00; Le ≠ 00 and offset+Le > size → 6Cxx; else Le bytes',
    (offset, le) => {
      const card = new Card(cardImage(gen), { seed: 1 });
      const t = new Terminal(card, alg);
      t.externalAuthenticate(0x07, ministryKey(alg, MASTER_KEYS['MM-RB']));
      t.send('00A4000002EF07');
      const size = 1024;
      const r = t.send(`00B0${offset.toString(16).padStart(4, '0')}${le.toString(16).padStart(2, '0')}`);
      const left = size - offset;
      if (offset >= size) expect(sw(r)).toBe(0x6b00);
      else if (le !== 0 && le > left) expect(sw(r)).toBe(0x6c00 | left);
      else {
        expect(sw(r)).toBe(0x9000);
        expect(dataOf(r).length).toBe(le === 0 ? Math.min(256, left) : le);
      }
    },
  );

  test.prop([fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 6 })], { numRuns: 100 })(
    '02-commands GET RESPONSE: any sequence of Le values reassembles the pending FCI',
    (les) => {
      const card = new Card(cardImage(gen), { seed: 1 });
      const t = new Terminal(card, alg);
      const first = t.send('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
      let pending = first[1]!;
      const whole: number[] = [];
      for (const le of [...les, 0]) {
        const r = t.send(`00C00000${le.toString(16).padStart(2, '0')}`);
        whole.push(...dataOf(r));
        const s = sw(r);
        if (s === 0x9000) break;
        expect(s >> 8).toBe(0x61);
        expect(s & 0xff).toBe(pending - le);
        pending -= le;
      }
      expect(toHex(Uint8Array.from(whole))).toMatch(/^6F/);
      expect(whole.length).toBe(first[1]);
    },
  );

  test.prop(
    [
      fc.array(
        fc.constantFrom('0020000003111111', '0020000003123456', '0084000008', '00A4000002DF01', '00B2012C00'),
        { maxLength: 8 },
      ),
    ],
    {
      numRuns: 100,
    },
  )('the image after any command sequence serialises and deserialises to an equal image', (apdus) => {
    const card = new Card(cardImage(gen), { seed: 1 });
    for (const a of apdus) card.transmit(hex(a));
    expect(deserializeImage(serializeImage(card.image))).toEqual(card.image);
  });
});
