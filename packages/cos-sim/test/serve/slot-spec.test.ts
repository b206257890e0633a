import { describe, expect, test } from 'vitest';
import { checkSlots, parseSlotSpec } from '../../src/serve/slot-spec.js';

describe('serve --slot', () => {
  test('07-vpcd (one card per vpcd port): PROFILE@PORT and PROFILE@PORT:STATEFILE', () => {
    expect(parseSlotSpec('ssc-2g-des@35963')).toEqual({
      profile: 'ssc-2g-des',
      port: 35963,
      statePath: null,
    });
    expect(parseSlotSpec('psam-hospital@35964:/tmp/p.json')).toEqual({
      profile: 'psam-hospital',
      port: 35964,
      statePath: '/tmp/p.json',
    });
  });

  test('issue 10: PROFILE@PORT:contactless[:STATEFILE] presents the card on a contactless reader', () => {
    expect(parseSlotSpec('ssc-3g-sm4@35965:contactless')).toEqual({
      profile: 'ssc-3g-sm4',
      port: 35965,
      statePath: null,
      contactless: true,
    });
    expect(parseSlotSpec('ssc-3g-sm4@35965:contactless:/tmp/c.json')).toEqual({
      profile: 'ssc-3g-sm4',
      port: 35965,
      statePath: '/tmp/c.json',
      contactless: true,
    });
    expect(parseSlotSpec('ssc-3g-sm4@35965:./contactless')).toEqual({
      profile: 'ssc-3g-sm4',
      port: 35965,
      statePath: './contactless',
    });
  });

  test('07-vpcd: malformed slot specs are errors', () => {
    for (const bad of ['ssc-2g-des', '@35963', 'p@', 'p@0', 'p@70000', 'p@35x', 'p@35963:']) {
      expect(typeof parseSlotSpec(bad)).toBe('string');
    }
  });

  test('07-vpcd: two cards on one port, or one state file for two cards, are refused', () => {
    const a = { profile: 'a', port: 35963, statePath: 's.json' };
    expect(checkSlots([a, { profile: 'b', port: 35963, statePath: null }])).toMatch(/port 35963/);
    expect(checkSlots([a, { profile: 'b', port: 35964, statePath: 's.json' }])).toMatch(/s\.json/);
    expect(checkSlots([a, { profile: 'b', port: 35964, statePath: null }])).toBeNull();
    expect(checkSlots([])).toMatch(/nothing to serve/);
  });
});
