/**
 * The two KeySources agree: what a PSAM computes from its masters equals what the host
 * computes from the same masters (05-psam.md, 04-crypto.md), for every card key the issuer
 * PSAM holds, under both algorithms.
 */
import { fc, test as propTest } from '@fast-check/vitest';
import { fromHex, toHex } from '@ssc-cos/apdu-codec';
import { type Algorithm, blockSize, encryptEcb, encryptLdBlock } from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import {
  type CardIdentity,
  MasterKeySource,
  PsamKeySource,
  pinBcd,
  STANDARD_CARD_KEYS,
  TerminalError,
  testMasterKeys,
} from '../src/index.js';
import { ldBlockPlain } from '../src/pin-block.js';
import { inProcessTarget } from './in-process-target.js';

const ALGS: Algorithm[] = ['3des', 'sm4'];
const card = (algorithm: Algorithm): CardIdentity => ({
  algorithm,
  cardFactor: fromHex('8660261122000001'),
  cityFactor: fromHex('3131303130307378'),
});

test('06-keys: testMasterKeys gives the published masters', () => {
  const m = testMasterKeys();
  expect(toHex(m['MP-STK']!)).toBe('62CF7E2C8725CBB0EE7CA6DD12E5C7E8');
  expect(toHex(m['MM-IRK']!)).toBe('D056D473C1D83B343389B498DFDED816');
  expect(toHex(m['MP-MK-DF04']!)).toBe('0B9469951ECC9E187ACE1BE128E186F0');
});

test('02-commands VERIFY: PIN as BCD, F-padded', () => {
  expect(toHex(pinBcd('123456'))).toBe('123456');
  expect(toHex(pinBcd('12345'))).toBe('12345F');
  expect(() => pinBcd('12a4')).toThrow(RangeError);
});

test('04-crypto known answer: encrypted LD block, K 000102…0F (3DES), plain 123456 → 9044367646555726', () => {
  const k = fromHex('000102030405060708090A0B0C0D0E0F');
  expect(toHex(encryptEcb('3des', k, ldBlockPlain(fromHex('123456'), 8)))).toBe('9044367646555726');
});

propTest.prop([fc.uint8Array({ maxLength: 40 }), fc.constantFrom<Algorithm>('3des', 'sm4')])(
  "04-crypto encrypted data: ldBlockPlain then ECB = the crypto module's LD block",
  (plain, alg) => {
    const k = fromHex('000102030405060708090A0B0C0D0E0F');
    expect(encryptEcb(alg, k, ldBlockPlain(plain, blockSize(alg)))).toEqual(encryptLdBlock(alg, k, plain));
  },
);

describe.each(ALGS)('%s', (alg) => {
  const id = card(alg);
  const bs = blockSize(alg);
  const psamKeys = async (profile: 'psam-issuer' | 'psam-hospital') =>
    new PsamKeySource(await inProcessTarget(alg === 'sm4' ? 'ssc-3g-sm4' : 'ssc-2g-des', 'T0').psam(profile));
  const host = new MasterKeySource(testMasterKeys());
  const r = Uint8Array.from({ length: bs }, (_, i) => 0x30 + i);
  const x = Uint8Array.from({ length: bs }, (_, i) => 0xc0 + i);

  test('05-psam: session cryptograms of every external-auth key equal the host computation', async () => {
    const psam = await psamKeys('psam-issuer');
    const extAuth = STANDARD_CARD_KEYS.filter(
      (k) => k.psam.usage === 0x28 || k.psam.usage === 0x48 || k.psam.usage === 0x20,
    );
    expect(extAuth.length).toBe(3 + 1 + 4 * 3);
    for (const key of extAuth) {
      expect(await psam.sessionCryptogram(key, id, r, x), key.master).toEqual(
        await host.sessionCryptogram(key, id, r, x),
      );
    }
  });

  propTest.prop([fc.uint8Array({ minLength: bs, maxLength: bs }), fc.uint8Array({ maxLength: 64 })], {
    numRuns: 20,
  })('05-psam: line MACs of every line-protection key equal the host computation', async (iv, message) => {
    const psam = await psamKeys('psam-issuer');
    for (const key of STANDARD_CARD_KEYS.filter((k) => k.psam.usage === 0x25)) {
      expect(await psam.lineMac(key, id, iv, message)).toEqual(await host.lineMac(key, id, iv, message));
    }
  });

  test('05-psam / 04-crypto: internal-auth answer, PUK block and RELOAD PIN MAC equal the host computation', async () => {
    const psam = await psamKeys('psam-issuer');
    const find = (master: string) => STANDARD_CARD_KEYS.find((k) => k.master === master)!;
    expect(await psam.encrypt(find('MM-IRK'), id, x)).toEqual(await host.encrypt(find('MM-IRK'), id, x));
    const block = ldBlockPlain(pinBcd('654321'), bs);
    expect(await psam.encrypt(find('MP-PUK'), id, block)).toEqual(
      await host.encrypt(find('MP-PUK'), id, block),
    );
    const pin = pinBcd('654321');
    expect(await psam.reloadPinMac(find('MP-RPK'), id, pin)).toEqual(
      await host.reloadPinMac(find('MP-RPK'), id, pin),
    );
  });

  test('06-keys: a key the PSAM lacks is a TerminalError from the psam with 6A88', async () => {
    const psam = await psamKeys('psam-hospital');
    const df03Read = STANDARD_CARD_KEYS.find((k) => k.master === 'MP-RK-DF03')!;
    const error = await psam.sessionCryptogram(df03Read, id, r, x).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerminalError);
    expect(error).toMatchObject({ device: 'psam', sw: 0x6a88 });
  });

  test('05-psam card image: the PSAM terminal number', async () => {
    expect(toHex(await (await psamKeys('psam-hospital')).terminalNumber())).toBe('110100000001');
  });
});
