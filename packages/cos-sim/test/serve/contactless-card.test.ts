/**
 * The contactless slot (issue 10 item 6): PC/SC part 3 pseudo-ATR from the card's historical
 * bytes, GET DATA (FF CA) answered by the reader, everything else by the card under T=CL.
 */
import { describe, expect, test } from 'vitest';
import { Card } from '../../src/card.js';
import { buildImage, loadProfile } from '../../src/profile/index.js';
import { ContactlessCard, contactlessPseudoAtr } from '../../src/serve/contactless-card.js';
import { hex, toHex } from '../helpers/bytes.js';

const HISTORICAL = '0090543116866026112200000 1'.replace(' ', '');

function contactless(profile = 'ssc-3g-sm4') {
  const image = buildImage(loadProfile(profile));
  const card = new Card({ ...image, options: { ...image.options, transport: 'T1' } }, { seed: 1 });
  return new ContactlessCard(card, image.atr);
}

describe('contactless slot (PC/SC part 3)', () => {
  test('pseudo-ATR = 3B 8n 80 01 ‖ the contact ATR historical bytes ‖ TCK (XOR of T0..end)', () => {
    const atr = contactlessPseudoAtr(hex(HISTORICAL));
    expect(toHex(atr.subarray(0, 4))).toBe('3B8D8001');
    expect(toHex(atr.subarray(4, 17))).toBe(HISTORICAL);
    expect(atr.subarray(1).reduce((x, b) => x ^ b, 0)).toBe(0);
    expect(toHex(atr)).toBe(`3B8D8001${HISTORICAL}1D`); // docs/pcsc.md §6b
    const c = contactless();
    expect(c.powerOn()).toEqual(atr);
    expect(c.reset()).toEqual(atr);
  });

  test('FF CA 00 00 00 answers the 4-byte UID (last 4 ATR bytes); Le 04 the same; another Le → 6C04', () => {
    const c = contactless();
    c.powerOn();
    expect(toHex(c.transmit(hex('FFCA000000')))).toBe('220000019000');
    expect(toHex(c.transmit(hex('FFCA000004')))).toBe('220000019000');
    expect(toHex(c.transmit(hex('FFCA000002')))).toBe('6C04');
    expect(toHex(c.transmit(hex('FFCA010000')))).toBe(`${HISTORICAL}9000`);
    expect(toHex(c.transmit(hex('FFCA020000')))).toBe('6A81');
    expect(toHex(c.transmit(hex('FF82000000')))).toBe('6A81');
  });

  test.each([
    ['ssc-3g-sm4', '03'],
    ['ssc-3g-des', '01'],
    ['ssc-2g-des', '01'],
  ])('card APDUs reach the %s card, which answers T=CL style (FCI directly, no 61xx)', (profile, alg) => {
    const c = contactless(profile);
    c.powerOn();
    const r = c.transmit(hex('00A404000F7378312E73682EC9E7BBE1B1A3D5CF00'));
    expect(toHex(r)).toBe(`6F19840F7378312E73682EC9E7BBE1B1A3D5CFA5069F0C038601${alg}9000`);
    expect(toHex(c.transmit(hex('00B2012C00'))).startsWith('0110110100D156000005')).toBe(true);
  });
});
