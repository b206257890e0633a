import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  accessRule,
  formatAccessRule,
  nearestFmcosByte,
  parseAccessRule,
} from '../../src/image/access-rule.js';
import type { AccessRule } from '../../src/image/types.js';

const arbitraryRule: fc.Arbitrary<AccessRule> = fc
  .tuple(
    fc.constantFrom<AccessRule['kind']>('FREE', 'NEVER', 'PIN', 'KEY', 'PIN|KEY', 'PIN+KEY', 'FMCOS'),
    fc.integer({ min: 0, max: 255 }),
    fc.boolean(),
  )
  .map(([kind, param, sm]) => accessRule(kind, param, sm));

describe('access-rule text (03-security "Access rules")', () => {
  it('03-security: the rule kinds of the table parse to the image AccessRule', () => {
    expect(parseAccessRule('FREE')).toEqual({ kind: 'FREE', sm: false });
    expect(parseAccessRule('NEVER')).toEqual({ kind: 'NEVER', sm: false });
    expect(parseAccessRule('PIN')).toEqual({ kind: 'PIN', sm: false });
    expect(parseAccessRule('KEY 07')).toEqual({ kind: 'KEY', key: 7, sm: false });
    expect(parseAccessRule('PIN|KEY 01')).toEqual({ kind: 'PIN|KEY', key: 1, sm: false });
    expect(parseAccessRule('PIN+KEY 01 +SM')).toEqual({ kind: 'PIN+KEY', key: 1, sm: true });
    expect(parseAccessRule('FMCOS 0F')).toEqual({ kind: 'FMCOS', fmcos: 0x0f, sm: false });
  });

  it('03-security: spacing and case are forgiven, anything else is refused with a reason', () => {
    expect(parseAccessRule('  pin|key  0d ')).toEqual({ kind: 'PIN|KEY', key: 0x0d, sm: false });
    for (const bad of ['KEY', 'KEY 1', 'PIN|KEY', 'ALWAYS', 'FMCOS 100', 'FREE +MAC', '']) {
      expect(parseAccessRule(bad)).toMatch(/is not an access rule/);
    }
  });

  test.prop([arbitraryRule])('03-security: format then parse gives the rule back', (rule) => {
    expect(parseAccessRule(formatAccessRule(rule))).toEqual(rule);
  });

  it('09-perso: nearest FMCOS byte — F0 free, EF never, the byte itself, F1 for PIN/KEY rules', () => {
    expect(nearestFmcosByte(accessRule('FREE', 0, false))).toBe(0xf0);
    expect(nearestFmcosByte(accessRule('NEVER', 0, false))).toBe(0xef);
    expect(nearestFmcosByte(accessRule('FMCOS', 0x35, true))).toBe(0x35);
    for (const kind of ['PIN', 'KEY', 'PIN|KEY', 'PIN+KEY'] as const) {
      expect(nearestFmcosByte(accessRule(kind, 1, false))).toBe(0xf1);
    }
  });
});
