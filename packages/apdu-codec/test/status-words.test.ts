/** Status words: ISO 7816-4 §5.6 and every SW of 02-commands, 03-security (9303) and 05-psam. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ApduError, describeSw, formatSw, isKnownSw, parseSw } from '../src/index.js';
import { CARD_STATUS_WORD_PATTERNS } from '../src/status-words.js';

/** A concrete SW for a pattern: xx → 10, x → 3. */
function sample(pattern: string): number {
  return Number.parseInt(pattern.replace('xx', '10').replace('x', '3'), 16);
}

describe('status word dictionary', () => {
  test('02-commands "Status words the card may answer" and those of 12-payment: every one is known, with English and Chinese', () => {
    expect(CARD_STATUS_WORD_PATTERNS).toHaveLength(34); // 29 of 02-commands, 5 of 12-payment
    for (const p of CARD_STATUS_WORD_PATTERNS) {
      const d = describeSw(sample(p));
      expect(d.known, p).toBe(true);
      expect(d.pattern).toBe(p);
      expect(d.en.length).toBeGreaterThan(3);
      expect(d.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test('02-commands/03-security: 63C3 is a warning, "verification failed, 3 tries left"', () => {
    const d = describeSw(0x63c3);
    expect(d.category).toBe('warning');
    expect(d.en).toBe('verification failed, 3 tries left');
    expect(d.zh).toContain('3');
    expect(describeSw(0x63c1).en).toBe('verification failed, 1 try left');
    expect(describeSw(0x63c0).en).toBe('verification failed, 0 tries left');
  });

  test('01-card T0: 61xx is ok and tells how many bytes GET RESPONSE fetches; 6100 means 256 or more', () => {
    expect(describeSw(0x6110)).toMatchObject({ category: 'ok', pattern: '61xx' });
    expect(describeSw(0x6110).en).toContain('16 response bytes');
    expect(describeSw(0x6100).en).toContain('256 or more');
  });

  test('02-commands: 6Cxx is an error giving the right Le; 6C00 means exactly 256', () => {
    expect(describeSw(0x6c03)).toMatchObject({ category: 'error', pattern: '6Cxx' });
    expect(describeSw(0x6c03).en).toContain('exactly 3 bytes');
    expect(describeSw(0x6c00).en).toContain('exactly 256 bytes');
  });

  test('03-security: 9303 = application permanently blocked; 6283 a warning (temporarily blocked DF)', () => {
    expect(describeSw(0x9303)).toMatchObject({
      category: 'error',
      en: 'application permanently blocked',
      source: 'spec',
    });
    expect(describeSw(0x6283).category).toBe('warning');
  });

  test('05-psam: the PSAM answers 6A88 for an unknown key and 6985 for CIPHER DATA without a key', () => {
    expect(describeSw(0x6a88).en).toContain('referenced data not found');
    expect(describeSw(0x6985).en).toBe('conditions of use not satisfied');
  });

  test('02-commands: 9000 is ok, 6F00 and 6A81 are errors', () => {
    expect(describeSw(0x9000)).toMatchObject({ category: 'ok', en: 'success', zh: '成功执行' });
    expect(describeSw(0x6f00).category).toBe('error');
    expect(describeSw(0x6a81).category).toBe('error');
  });

  test('ISO 7816-4: an SW outside the dictionary is unknown, its category taken from SW1', () => {
    expect(describeSw(0x62f1)).toMatchObject({ known: false, category: 'warning', pattern: '????' });
    expect(describeSw(0x9f01)).toMatchObject({ known: false, category: 'error' });
    expect(isKnownSw(0x9f01)).toBe(false);
    expect(isKnownSw(0x9000)).toBe(true);
  });

  test('non-SW numbers are ApduError bad-sw', () => {
    expect(() => describeSw(0x10000)).toThrow(ApduError);
    expect(() => describeSw(-1)).toThrow(ApduError);
    expect(isKnownSw(0x10000)).toBe(false);
  });

  test.prop([fc.integer({ min: 0, max: 0xffff })])(
    'every 16-bit SW is described; 61xx/9000 ok, 6Cxx error',
    (sw) => {
      const d = describeSw(sw);
      expect(d.sw).toBe(sw);
      if (sw >> 8 === 0x61 || sw === 0x9000) expect(d.category).toBe('ok');
      if (sw >> 8 === 0x6c) expect(d.category).toBe('error');
      expect(parseSw(formatSw(sw))).toBe(sw);
    },
  );
});

describe('parseSw', () => {
  test.each([
    ['63C3', 0x63c3],
    ['63c3', 0x63c3],
    ['0x9000', 0x9000],
    ['90 00', 0x9000],
  ])('%s → %d', (text, sw) => {
    expect(parseSw(text)).toBe(sw);
  });

  test.each(['', '900', '90000', 'zz00'])('%s is ApduError bad-sw', (text) => {
    expect(() => parseSw(text)).toThrow(expect.objectContaining({ code: 'bad-sw' }));
  });
});
