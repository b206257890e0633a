/**
 * 02-commands.md §v2 — what real terminal software also sends (issue 10 item 1), on every
 * built-in card profile, under T=0 and T=1; and 05-psam.md v2 (MF by empty SELECT, the SM4
 * PSAMs' second name).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import type { CardImage, TransportProtocol } from '../src/image/types.js';
import { BUILTIN_PROFILE_DIR, buildImage, loadProfile, validateProfile } from '../src/profile/index.js';
import { deserializeImage, serializeImage } from '../src/state/serialize.js';
import { hex, toHex } from './helpers/bytes.js';

const PROFILES = ['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des'] as const;
const SSSE = '7378312E73682EC9E7BBE1B1A3D5CF';
const SELECT_SSSE = `00A404000F${SSSE}`;
// 01-card.md SSSE EF05: records 1..7 of the test card (spec version differs by generation).
const EF05 = (v: string) => [
  '0110110100D1560000052611220000010000',
  '020133',
  `0304${Buffer.from(v).toString('hex').toUpperCase()}`,
  '040C110100000000000000000001',
  '050420261122',
  '060420361121',
  '0709413030303030303031',
];

function image(profile: string, transport: TransportProtocol): CardImage {
  const built = buildImage(loadProfile(profile));
  return { ...built, options: { ...built.options, transport } };
}

describe.each(PROFILES)('%s', (profile) => {
  const version = profile === 'ssc-2g-des' ? '2.00' : '3.00';
  const records = EF05(version);
  const alg = loadProfile(profile).algorithm === 'sm4' ? '03' : '01';
  const fci = `6F19840F${SSSE}A5069F0C038601${alg}`;

  describe.each(['T0', 'T1'] as const)('%s', (transport) => {
    const card = () => {
      const c = new Card(image(profile, transport), { seed: 1 });
      return { send: (apdu: string) => toHex(c.transmit(hex(apdu))) };
    };
    /** Under T=0 a SELECT's FCI comes through 61xx and GET RESPONSE; under T=1 directly. */
    const fciOf = (c: ReturnType<typeof card>, apdu: string) => {
      const r = c.send(apdu);
      if (transport === 'T1') return r;
      expect(r).toMatch(/^61[0-9A-F]{2}$/);
      return c.send(`00C00000${r.slice(2)}`);
    };

    test('§v2 READ with no Le: under T0 it is Le=00 (whole record / to the end); under T1 a case 1 → 6700', () => {
      const c = card();
      fciOf(c, SELECT_SSSE);
      expect(c.send('00B2012C')).toBe(transport === 'T0' ? `${records[0]}9000` : '6700');
      expect(c.send('00B2012C00')).toBe(`${records[0]}9000`);
      // READ BINARY by SFI of DF01's reserved EF16 (read FREE, 296 bytes): no Le → 256 bytes.
      expect(fciOf(c, '00A4000002DF01')).toMatch(/9000$/);
      const r = c.send('00B09600');
      if (transport === 'T0') expect(r).toBe(`${'00'.repeat(256)}9000`);
      else expect(r).toBe('6700');
    });

    test('§v2 READ RECORD of several records: 101 from P1 to the last, 110 from the last down to P1', () => {
      const c = card();
      fciOf(c, SELECT_SSSE);
      // SFI 05, mode 101, P1=00: every record from the first.
      expect(c.send('00B2002D00')).toBe(`${records.join('')}9000`);
      // P1=05 up: records 5..7.
      expect(c.send('00B2052D00')).toBe(`${records.slice(4).join('')}9000`);
      // mode 110, P1=05: records 7, 6, 5.
      expect(c.send('00B2052E00')).toBe(`${records.slice(4).reverse().join('')}9000`);
      // Le is an upper bound: only whole records that fit (18 + 3 = 21 ≤ 24 < 27).
      expect(c.send('00B2012D18')).toBe(`${records[0]}${records[1]}9000`);
      // not even the first fits → 6Cxx with its length; beyond the last record → 6A83.
      expect(c.send('00B2012D05')).toBe('6C12');
      expect(c.send('00B2082D00')).toBe('6A83');
      // The record pointer is the last record returned: "next" by identifier continues after it.
      expect(c.send('00B2012D15')).toBe(`${records[0]}${records[1]}9000`);
      expect(c.send('00B2030200')).toBe(`${records[2]}9000`);
      // UPDATE RECORD knows no such mode.
      expect(c.send(`00DC012D03020133`)).toBe('6A86');
    });

    test('§v2 multi-record reads follow the access rule of a single READ RECORD', () => {
      const c = card();
      fciOf(c, '00A4000002DF01');
      expect(c.send('00B2002D00')).toBe('6982');
      expect(c.send('0020000003123456')).toBe('9000');
      const r = c.send('00B2002D00');
      expect(r.endsWith('9000')).toBe(true);
      expect(r.startsWith('2050')).toBe(true); // DF01 EF05 record 1: tag 20, 80 bytes
    });

    test('§v2 SELECT with P1=01: a child DF of the current DF; an EF or a non-child → 6A82', () => {
      const c = card();
      fciOf(c, SELECT_SSSE);
      expect(fciOf(c, '00A4010002DF01')).toBe('6F02A5009000');
      expect(c.send('00A4010002DF02')).toBe('6A82'); // a sibling, not a child of DF01
      fciOf(c, SELECT_SSSE);
      expect(c.send('00A4010002EF05')).toBe('6A82'); // an EF
      expect(c.send('00A4010002DF09')).toBe('6A82');
    });

    test('§v2 SELECT MF with no data: 00 A4 00 00 00 (and 00 A4 00 00) select the MF like 3F00', () => {
      const c = card();
      fciOf(c, '00A4000002DF01');
      expect(fciOf(c, '00A4000000')).toBe(`${fci}9000`);
      expect(c.send('00B2012C00')).toBe(`${records[0]}9000`);
      fciOf(c, '00A4000002DF02');
      expect(fciOf(c, '00A40000')).toBe(`${fci}9000`);
      expect(fciOf(c, '00A40000023F00')).toBe(`${fci}9000`);
    });
  });

  test('§v2 mfSelectableByFid false: 3F00 by FID → 6A82; by name and by empty SELECT still work', () => {
    const json = JSON.parse(JSON.stringify(rawProfile(profile)));
    json.options.mfSelectableByFid = false;
    const img = buildImage(validateProfile(json));
    expect(img.options.mfSelectableByFid).toBe(false);
    const c = new Card({ ...img, options: { ...img.options, transport: 'T1' } }, { seed: 1 });
    const send = (a: string) => toHex(c.transmit(hex(a)));
    expect(send('00A40000023F00')).toBe('6A82');
    expect(send('00A4000000')).toBe(`${fci}9000`);
    expect(send(`${SELECT_SSSE}00`)).toBe(`${fci}9000`);
    // the built-in profiles keep today's behaviour (option absent = true)
    expect(buildImage(loadProfile(profile)).options.mfSelectableByFid).toBeUndefined();
  });

  test('§v2 FCI template option: a DF answers the exact FCI bytes its profile gives', () => {
    const json = JSON.parse(JSON.stringify(rawProfile(profile)));
    // a vendor's 30-byte MF answer: 86 01 alg directly in A5, plus a vendor tag
    const vendor = `6F1C840F${SSSE}A509860101DF0103010203`;
    json.files.fci = vendor;
    json.files.DF01.fci = '6F03A50100';
    const img = buildImage(validateProfile(json));
    const c = new Card({ ...img, options: { ...img.options, transport: 'T1' } }, { seed: 1 });
    const send = (a: string) => toHex(c.transmit(hex(a)));
    expect(send(`${SELECT_SSSE}00`)).toBe(`${vendor}9000`);
    expect(send('00A4000002DF01')).toBe('6F03A501009000');
    json.files.fci = 'A500';
    expect(() => validateProfile(json)).toThrow('files.fci: an FCI is a 6F template');
  });
});

describe('05-psam v2', () => {
  test('MF by empty SELECT (00 A4 00 00 00), under T0 through 61xx', () => {
    const p = new Card(buildImage(loadProfile('psam-hospital')), { seed: 1 });
    const send = (a: string) => toHex(p.transmit(hex(a)));
    expect(send('00A4040006D15600000590')).toMatch(/^61/);
    const r = send('00A4000000');
    expect(r).toMatch(/^61[0-9A-F]{2}$/);
    expect(send(`00C00000${r.slice(2)}`)).toBe(`6F19840F${SSSE}A5069F0C038601019000`);
    // the MF is current again: EF 0016 by SFI
    expect(send('00B0960006')).toBe('1101000000019000');
  });

  test('the SM4 PSAMs answer to sx3.sh.社会保障 as well; the 3DES ones do not', () => {
    const sx3 = '7378332E73682EC9E7BBE1B1A3D5CF';
    for (const [name, answers] of [
      ['psam-hospital@sm4', true],
      ['psam-issuer@sm4', true],
      ['psam-hospital', false],
    ] as const) {
      const p = new Card(buildImage(loadProfile(name)), { seed: 1 });
      const sw = toHex(p.transmit(hex(`00A404000F${sx3}`)));
      expect([name, sw.startsWith('61')]).toEqual([name, answers]);
      expect(toHex(p.transmit(hex(`00A404000F${SSSE}`))).startsWith('61')).toBe(true);
    }
  });
});

function rawProfile(name: string): unknown {
  return JSON.parse(readFileSync(`${BUILTIN_PROFILE_DIR}${name}.json`, 'utf8'));
}

describe('§v2 image fields persist', () => {
  test('otherNames, fci and mfSelectableByFid survive a state-file round trip; images without them are unchanged', () => {
    const json = JSON.parse(JSON.stringify(rawProfile('ssc-3g-des')));
    json.options.mfSelectableByFid = false;
    json.files.fci = `6F1C840F${SSSE}A509860101DF0103010203`;
    for (const img of [buildImage(validateProfile(json)), buildImage(loadProfile('psam-hospital@sm4'))]) {
      const back = deserializeImage(serializeImage(img));
      expect(back).toEqual(img);
    }
    expect(serializeImage(buildImage(loadProfile('ssc-2g-des')))).not.toMatch(
      /otherNames|"fci"|mfSelectableByFid/,
    );
    expect(buildImage(loadProfile('psam-hospital@sm4')).mf.otherNames?.map(toHex)).toEqual([
      '7378332E73682EC9E7BBE1B1A3D5CF',
    ]);
  });
});
