/**
 * Finding 9 of issue 15, 09-perso.md §v2: a state file that breaks the image's own rules (a key
 * whose length does not fit its algorithm, a record longer than its file allows, duplicate
 * FIDs, an empty record) is refused when loaded, with the JSON path of the first fault. Before,
 * a 3-byte key loaded and AUTHENTICATE answered 6F00; a 300-byte record made a 302-byte answer.
 */
import { describe, expect, test } from 'vitest';
import { deserializeImage, ImageFormatError, serializeImage } from '../../src/state/serialize.js';
import { cardImage } from '../helpers/images.js';

// biome-ignore lint/suspicious/noExplicitAny: free-form edits of parsed JSON
type Json = Record<string, any>;
const good: Json = JSON.parse(serializeImage(cardImage('2g')));
const broken = (change: (o: Json) => void): string => {
  const copy = structuredClone(good);
  change(copy);
  return JSON.stringify(copy);
};
// mf.children: [0] EF05 variable (18 bytes max), …, [4] DF01, [5] DF02 (children[1]: cyclic EF07, 23 bytes)

describe('a state file that breaks the image rules is refused with the path of the fault', () => {
  test.each([
    [
      'a 3-byte external-authentication key',
      (o: Json) => (o.mf.keys[4].value = 'AABBCC'),
      /mf\.keys\[4\]\.value/,
    ],
    [
      'a 17-byte line-protection key',
      (o: Json) => (o.mf.keys[3].value = 'AA'.repeat(17)),
      /mf\.keys\[3\]\.value/,
    ],
    ['a 9-byte PIN', (o: Json) => (o.mf.keys[0].value = '12'.repeat(9)), /mf\.keys\[0\]\.value/],
    [
      'a 300-byte record in a file of 18-byte records',
      (o: Json) => (o.mf.children[0].records[0] = 'AB'.repeat(300)),
      /mf\.children\[0\]\.records\[0\]/,
    ],
    [
      'a cyclic record shorter than the record length',
      (o: Json) => (o.mf.children[5].children[1].records[0] = 'AB'),
      /mf\.children\[5\]\.children\[1\]\.records\[0\]/,
    ],
    ['an empty record', (o: Json) => (o.mf.children[0].records[1] = ''), /mf\.children\[0\]\.records\[1\]/],
    [
      'two DFs with one FID',
      (o: Json) => (o.mf.children[5].fid = o.mf.children[4].fid),
      /mf\.children\[5\]\.fid.*(twice|duplicate)/,
    ],
    [
      'an EF with the FID of a DF',
      (o: Json) => (o.mf.children[1].fid = o.mf.children[4].fid),
      /mf\.children\[4\]\.fid.*(twice|duplicate)/,
    ],
    [
      'two keys of one type and id in a DF',
      (o: Json) => (o.mf.keys[6].id = o.mf.keys[4].id), // both external-auth
      /mf\.keys\[6\].*(twice|duplicate)/,
    ],
  ])('%s', (_name, change, path) => {
    const text = broken(change);
    expect(() => deserializeImage(text)).toThrow(ImageFormatError);
    expect(() => deserializeImage(text)).toThrow(path);
  });

  test('the built-in images pass', () => {
    for (const gen of ['2g', '3g'] as const) {
      expect(() => deserializeImage(serializeImage(cardImage(gen)))).not.toThrow();
    }
  });
});
