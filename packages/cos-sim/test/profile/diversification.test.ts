import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CardImage, DedicatedFile } from '../../src/image/types.js';
import {
  buildImage,
  diversificationFactors,
  loadProfile,
  profileKeyTable,
  testMasterKey,
} from '../../src/profile/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
const unhex = (s: string): Buffer => Buffer.from(s, 'hex');

/** ECB under node:crypto directly (OpenSSL), written here independently of the crypto module. */
function ecb(alg: '3des' | 'sm4', key: Uint8Array, data: Uint8Array): Buffer {
  const k = Buffer.from(key);
  const c =
    alg === 'sm4'
      ? createCipheriv('sm4-ecb', k, null)
      : createCipheriv('des-ede3-ecb', Buffer.concat([k, k.subarray(0, 8)]), null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}
/** 04-crypto DIV for an 8-byte D: 3DES E(D) ‖ E(~D); SM4 E(D ‖ ~D). */
function div(alg: '3des' | 'sm4', mk: Uint8Array, d: Buffer): Buffer {
  const notD = Buffer.from(d.map((x) => ~x & 0xff));
  return alg === 'sm4'
    ? ecb(alg, mk, Buffer.concat([d, notD]))
    : Buffer.concat([ecb(alg, mk, d), ecb(alg, mk, notD)]);
}

const CARD_FACTOR = unhex('8660261122000001'); // 01-card: last 8 ATR bytes of the test card
const CITY_FACTOR = unhex('3131303130307378'); // 01-card: "110100" ‖ "sx"

/** 12-payment's DLK/DPK/DTK share key index 01 with DF04's read key; these tests mean the latter. */
const PASSBOOK_KEY_TYPES: readonly string[] = ['purchase', 'load', 'tac'];

function keyValue(image: CardImage, dfFid: number, id: number): string {
  const df =
    dfFid === 0x3f00
      ? image.mf
      : (image.mf.children.find((c) => c.type === 'df' && c.fid === dfFid) as DedicatedFile);
  const key = df.keys.find((k) => k.id === id && k.type !== 'pin' && !PASSBOOK_KEY_TYPES.includes(k.type));
  if (key === undefined) throw new Error(`no key ${id} in ${dfFid.toString(16)}`);
  return hex(key.value);
}

describe('per-card key diversification at build time (04-crypto "Diversification")', () => {
  it('01-card: card factor = last 8 ATR bytes, city factor = ASCII(region) ‖ "sx"', () => {
    const profile = loadProfile('ssc-2g-des');
    const image = buildImage(profile);
    const f = diversificationFactors(profile, image.atr);
    expect(hex(f.cardFactor)).toBe(hex(CARD_FACTOR));
    expect(hex(f.cityFactor!)).toBe(hex(CITY_FACTOR));
  });

  for (const [name, alg] of [
    ['ssc-2g-des', '3des'],
    ['ssc-3g-sm4', 'sm4'],
  ] as const) {
    const image = buildImage(loadProfile(name));
    it(`04-crypto: ${name} ministry key SSSE 04 = DIV(DIV(MM-UB, city), card)`, () => {
      const expected = div(alg, div(alg, testMasterKey('MM-UB'), CITY_FACTOR), CARD_FACTOR);
      expect(keyValue(image, 0x3f00, 0x04)).toBe(hex(expected));
    });
    it(`04-crypto: ${name} province key DF04 01 = DIV(MP-RK-DF04, card)`, () => {
      expect(keyValue(image, 0xdf04, 0x01)).toBe(hex(div(alg, testMasterKey('MP-RK-DF04'), CARD_FACTOR)));
    });
  }

  it('04-crypto: another serial gives other keys, and the ATR carries that serial', () => {
    const profile = loadProfile('ssc-2g-des');
    const image = buildImage(profile, { serial: '261122000002' });
    expect(hex(image.atr)).toBe('3B6D000000905431168660261122000002');
    const card = unhex('8660261122000002');
    expect(keyValue(image, 0xdf04, 0x01)).toBe(hex(div('3des', testMasterKey('MP-RK-DF04'), card)));
    expect(() => buildImage(profile, { serial: '2611' })).toThrow('serial: expected 6 bytes, got 2');
  });

  it('04-crypto [decision]: diversificationOrder card-then-city swaps the two levels', () => {
    const profile = loadProfile('ssc-2g-des');
    const swapped = {
      ...profile,
      options: { ...profile.options, diversificationOrder: 'card-then-city' as const },
    };
    const expected = div('3des', div('3des', testMasterKey('MM-UB'), CARD_FACTOR), CITY_FACTOR);
    expect(keyValue(buildImage(swapped), 0x3f00, 0x04)).toBe(hex(expected));
  });

  it('06-keys: hosts get the MASTER keys and the key table, never only card keys', () => {
    const table = profileKeyTable(loadProfile('ssc-3g-sm4'));
    const rk4 = table.find((e) => e.dfFid === 0xdf04 && e.id === 0x01 && e.type === 'external-auth')!;
    expect(rk4).toMatchObject({
      dfPath: [0xdf04],
      type: 'external-auth',
      family: 'province',
      masterName: 'MP-RK-DF04',
    });
    expect(rk4.psam).toEqual({ usage: 0x28, id: 0x14 });
    expect(hex(rk4.master!)).toBe('2BB240AB6BE62579B5F4C45BF021B541');
    const pin = table.find((e) => e.type === 'pin')!;
    expect(pin).toMatchObject({ dfFid: 0x3f00, id: 0, master: null, family: null });
    expect(table.filter((e) => e.dfFid === 0x3f00)).toHaveLength(9);
    // zones DF01–DF04 and DF07 (issue 10 zone catalogue), DF04's passbook keys (12-payment),
    // the PKI DDF's master key and the ADF's admin PIN and master key (11-pki)
    expect(table).toHaveLength(9 + 5 * 4 + 3 + 3);
  });
});
