import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { accessRule } from '../../src/image/access-rule.js';
import { keyObject } from '../../src/image/nodes.js';
import type { AccessRule, KeyObject, KeyType } from '../../src/image/types.js';
import {
  decodeCreateFile,
  decodeKeyRecord,
  encodeCreateDf,
  encodeCreateEf,
  encodeCreateKeyFile,
  encodeIssue,
  encodeKeyRecord,
} from '../../src/perso/fmcos-layout.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
const unhex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const KEY16 = unhex('000102030405060708090A0B0C0D0E0F');

const arbitraryRule: fc.Arbitrary<AccessRule> = fc
  .tuple(
    fc.constantFrom<AccessRule['kind']>('FREE', 'NEVER', 'PIN', 'KEY', 'PIN|KEY', 'PIN+KEY', 'FMCOS'),
    fc.integer({ min: 0, max: 255 }),
    fc.boolean(),
  )
  .map(([kind, param, sm]) => accessRule(kind, param, sm));

const keyTypes: KeyType[] = [
  'external-auth',
  'internal-auth',
  'line-protection',
  'pin-unblock',
  'pin-reload',
  'encrypt',
  'decrypt',
  'mac',
];

describe('WRITE KEY record layouts (09-perso.md)', () => {
  it('09-perso: external-auth 39 ‖ usage ‖ change ‖ follow-up ‖ counter ‖ key; counter 88 = 8 of 8', () => {
    const key = keyObject({
      id: 0x0f,
      type: 'external-auth',
      usageRight: 0xf0,
      changeRight: 0xf1,
      followUpState: 0x01,
      maxTries: 8,
      triesLeft: 8,
      algorithm: '3des',
      value: KEY16,
    });
    expect(hex(encodeKeyRecord(key))).toBe(`39F0F10188${hex(KEY16)}`);
  });

  it('09-perso: PIN 3A ‖ usage ‖ EF ‖ follow-up ‖ counter ‖ PIN; counter 55 = five of five', () => {
    const pin = keyObject({
      id: 0,
      type: 'pin',
      usageRight: 0xf0,
      changeRight: 0xef,
      followUpState: 0x01,
      maxTries: 5,
      triesLeft: 5,
      algorithm: 'sm4',
      value: unhex('123456'),
    });
    expect(hex(encodeKeyRecord(pin))).toBe('3AF0EF0155123456');
    expect(decodeKeyRecord(unhex('3AF0EF0155123456'), 0, 'sm4')).toEqual(pin);
  });

  it('09-perso: internal-auth 34 carries version and algorithm byte (00 3DES, 03 SM4)', () => {
    expect(decodeKeyRecord(unhex(`34F0F10103${hex(KEY16)}`), 5, '3des')).toMatchObject({
      type: 'internal-auth',
      followUpState: 1,
      algorithm: 'sm4',
      maxTries: 0,
    });
    expect(decodeKeyRecord(unhex(`34F0F10107${hex(KEY16)}`), 5, '3des')).toEqual({ error: 'data' });
  });

  it('09-perso: malformed records are refused (length, type, counter, PIN digits)', () => {
    expect(decodeKeyRecord(unhex(`39F0F10188${hex(KEY16)}00`), 1, '3des')).toEqual({ error: 'length' });
    expect(decodeKeyRecord(unhex(`3BF0F10188${hex(KEY16)}`), 1, '3des')).toEqual({ error: 'data' });
    expect(decodeKeyRecord(unhex(`39F0F10159${hex(KEY16)}`), 1, '3des')).toEqual({ error: 'data' });
    expect(decodeKeyRecord(unhex('3AF0EF01551A3456'), 0, '3des')).toEqual({ error: 'data' });
    expect(decodeKeyRecord(unhex('3AF0EF015512'), 0, '3des')).toEqual({ error: 'length' });
  });

  test.prop([
    fc.constantFrom(...keyTypes),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 254 }),
    fc.integer({ min: 0, max: 15 }),
    fc.constantFrom<'3des' | 'sm4'>('3des', 'sm4'),
    fc.uint8Array({ minLength: 16, maxLength: 16 }),
  ])(
    '09-perso: every key record decodes back to the key it encodes',
    (type, usage, change, state, tries, alg, value) => {
      const hasCounter = ['external-auth', 'line-protection', 'pin-unblock', 'pin-reload'].includes(type);
      const key: KeyObject = keyObject({
        id: 3,
        type,
        usageRight: usage,
        changeRight: change,
        followUpState: ['line-protection', 'pin-unblock', 'pin-reload'].includes(type) ? 0xff : state,
        maxTries: hasCounter ? tries : 0,
        triesLeft: hasCounter ? tries : 0,
        algorithm: alg,
        value,
      });
      expect(decodeKeyRecord(encodeKeyRecord(key), 3, alg)).toEqual(key);
    },
  );
});

describe('CREATE FILE layouts (09-perso.md) and vendor extensions', () => {
  it('09-perso: MF 38 ‖ FFFF ‖ create ‖ erase ‖ 95 ‖ FFFF ‖ name', () => {
    const data = encodeCreateDf({
      space: 0xffff,
      createRight: 0xf1,
      eraseRight: 0xf1,
      name: unhex('7378312E7368'),
    });
    expect(hex(data)).toBe('38FFFFF1F195FFFF7378312E7368');
    expect(decodeCreateFile(0x3f00, data)).toEqual({
      kind: 'df',
      space: 0xffff,
      createRight: 0xf1,
      eraseRight: 0xf1,
      name: unhex('7378312E7368'),
    });
    expect(decodeCreateFile(0xdf01, unhex('380100F1F195FFFF0102'))).toEqual({ error: 'length' });
  });

  it('09-perso: key file 3F ‖ space ‖ DF SFI byte ‖ add right ‖ FFFF', () => {
    expect(hex(encodeCreateKeyFile({ space: 0x68, addRight: 0xf1 }, 0x84))).toBe('3F006884F1FFFF');
    expect(decodeCreateFile(0, unhex('3F006884F1FFFF'))).toEqual({
      kind: 'key-file',
      space: 0x68,
      addRight: 0xf1,
    });
  });

  it('09-perso: an EF with plain FMCOS rules is 7 bytes; its SFI is the FID low 5 bits', () => {
    const ef = { fid: 0xef16, sfi: 0x16, type: 'transparent' as const, size: 6 };
    const data = encodeCreateEf({
      ...ef,
      read: accessRule('FMCOS', 0xf0, false),
      write: accessRule('FMCOS', 0xef, false),
    });
    expect(hex(data)).toBe('280006F0EFFFFF');
    expect(decodeCreateFile(0xef16, data)).toMatchObject({
      kind: 'ef',
      structure: 'transparent',
      size: 6,
      sfi: 0x16,
    });
  });

  it('09-perso: writes under +SM set type bit 8 (28 → A8); PIN|KEY emits F1 plus the E1 extension', () => {
    const data = encodeCreateEf({
      fid: 0xef05,
      sfi: 0x05,
      type: 'variable',
      maxRecords: 3,
      recordLength: 82,
      read: accessRule('PIN|KEY', 1, false),
      write: accessRule('KEY', 2, true),
    });
    expect(hex(data)).toBe('AC0352F1F1FF03E10705040100030201');
  });

  test.prop([
    fc.constantFrom('transparent', 'fixed', 'variable', 'cyclic'),
    fc.integer({ min: 0x0001, max: 0xfffe }),
    fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
    fc.integer({ min: 1, max: 255 }),
    fc.integer({ min: 1, max: 255 }),
    arbitraryRule,
    arbitraryRule,
  ])(
    '09-perso: every EF CREATE FILE decodes back to its structure, size, SFI and exact rules',
    (type, fid, sfi, a, b, read, write) => {
      const ef = {
        fid,
        type,
        size: a * 100,
        maxRecords: a,
        recordLength: b,
        read,
        write,
        ...(sfi === undefined ? {} : { sfi }),
      };
      const decoded = decodeCreateFile(fid, encodeCreateEf(ef));
      expect(decoded).toMatchObject({ kind: 'ef', structure: type, sfi: sfi ?? null, read, write });
      if (type === 'transparent') expect(decoded).toMatchObject({ size: a * 100 });
      else expect(decoded).toMatchObject({ count: a, recordLength: b });
    },
  );

  it('vendor E2: issue a child DF in a lifecycle', () => {
    expect(hex(encodeIssue('temporarily-blocked'))).toBe('E20101');
    expect(decodeCreateFile(0xdf04, unhex('E20101'))).toEqual({
      kind: 'issue',
      lifecycle: 'temporarily-blocked',
    });
    expect(decodeCreateFile(0xdf04, unhex('E20103'))).toEqual({ error: 'data' });
  });
});
