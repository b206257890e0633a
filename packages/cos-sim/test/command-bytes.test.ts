/**
 * Command data that end up in the image (a new PIN, a record) when the caller passes Node
 * Buffers — as vpcd and the CLIs do — and reuses them: the image keeps plain bytes of its own,
 * and the state file round-trips (state: JSON with bytes as hex, validated on load).
 */
import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import type { CardImage } from '../src/image/types.js';
import { deserializeImage, serializeImage } from '../src/state/serialize.js';
import { dataOf, hex, toHex } from './helpers/bytes.js';
import { cardImage, GENERATIONS, withEf } from './helpers/images.js';
import { rule } from './helpers/spec-image.js';

const buffer = (hexText: string): Buffer => Buffer.from(hexText, 'hex');
const plainClasses = (image: CardImage): string[] => {
  const found = new Set<string>();
  JSON.stringify(image, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    if (raw instanceof Uint8Array) found.add(raw.constructor.name);
    return value;
  });
  return [...found];
};

describe.each(GENERATIONS)('%s card, command data in Node Buffers', (gen) => {
  test('03-security CHANGE PIN sent as a Buffer: the image owns the new PIN, the state file loads back', () => {
    const card = new Card(cardImage(gen));
    const change = buffer('805E010007123456FF654321');
    expect(toHex(card.transmit(change))).toBe('9000');
    change.fill(0); // the caller reuses its buffer
    expect(plainClasses(card.image)).toEqual(['Uint8Array']);
    const back = new Card(deserializeImage(serializeImage(card.image)));
    expect(toHex(back.transmit(buffer('0020000003654321')))).toBe('9000');
    expect(toHex(back.transmit(buffer('0020000003123456')))).toBe('63C4');
  });

  test('02-commands UPDATE RECORD sent as a Buffer: the record is a copy, not a view of the command', () => {
    const writable = withEf(cardImage(gen), null, 0xef05, (ef) => ({ ...ef, write: rule('FREE') }));
    const card = new Card(writable);
    const record = dataOf(card.transmit(hex('00B2012C00'))).slice();
    record[record.length - 1] = record[record.length - 1]! ^ 0xff;
    const update = buffer(`00DC012C${toHex(Uint8Array.of(record.length))}${toHex(record)}`);
    expect(toHex(card.transmit(update))).toBe('9000');
    update.fill(0);
    expect(plainClasses(card.image)).toEqual(['Uint8Array']);
    const back = new Card(deserializeImage(serializeImage(card.image)));
    expect(toHex(dataOf(back.transmit(hex('00B2012C00'))))).toBe(toHex(record));
  });
});

describe('serializeImage', () => {
  propTest.prop([fc.uint8Array({ minLength: 1, maxLength: 40 })])(
    'state: any Uint8Array subclass (Node Buffer) serialises as hex, exactly like a plain Uint8Array',
    (bytes) => {
      const image = cardImage('2g');
      const plain = serializeImage({ ...image, atr: Uint8Array.from(bytes) });
      const fromBuffer = serializeImage({ ...image, atr: Buffer.from(bytes) });
      expect(fromBuffer).toBe(plain);
      expect(toHex(deserializeImage(fromBuffer).atr)).toBe(toHex(bytes));
    },
  );
});
