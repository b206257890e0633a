/**
 * docs/payment.md [decision] DF04 by AID: 01-card gives DF04 a FID and no DF name, so the
 * 12-payment AID D1 56 00 00 05 03 is a name the card does not hold (6A82, nothing selected);
 * DF04 is selected by FID and its FCI carries no name.
 */
import { describe, expect, test } from 'vitest';
import { GENERATIONS } from '../helpers/images.js';
import { payCard } from './passbook-fixture.js';

describe.each(GENERATIONS)('%s DF04 selection', (gen) => {
  test('12-payment DF04 AID [decision]: SELECT by D15600000503 → 6A82 and the current DF stays; by FID DF04 → FCI without a name', () => {
    const t = payCard(gen);
    t.open();
    expect(t.send('00A4040006D15600000503').sw).toBe('6A82');
    expect(t.send('805C000104').sw).toBe('9000'); // still in DF04: the passbook answers
    const fci = t.send('00A4000002DF04');
    expect(fci.sw).toBe('9000');
    expect(Buffer.from(fci.data).toString('hex')).not.toContain('8406');
  });
});
