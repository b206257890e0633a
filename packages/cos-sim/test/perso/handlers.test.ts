import { fc, test } from '@fast-check/vitest';
import { directCryptogram, protectCommand } from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, it } from 'vitest';
import { Card } from '../../src/card.js';
import type { CardImage, DedicatedFile } from '../../src/image/types.js';
import { blankChipFor } from '../../src/perso/blank-chip.js';
import { buildImage, loadProfile } from '../../src/profile/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
const unhex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const KEY_A = '00112233445566778899AABBCCDDEEFF';
const KEY_B = 'FFEEDDCCBBAA99887766554433221100';

/** A blank chip of the 2g profile's factory data (T=1 so answers come back directly). */
function blankCard(): Card {
  const image = buildImage(loadProfile('ssc-2g-des'));
  const blank = blankChipFor({ ...image, options: { ...image.options, transport: 'T1' } });
  const card = new Card(blank, { seed: 1 });
  card.powerOn();
  return card;
}
function sw(card: Card, apdu: string): string {
  return hex(card.transmit(unhex(apdu))).slice(-4);
}
const lc = (data: string): string => (data.length / 2).toString(16).toUpperCase().padStart(2, '0');
const create = (fid: string, data: string): string => `80E0${fid}${lc(data)}${data}`;
const writeKey = (p1: string, kid: string, data: string): string => `80D4${p1}${kid}${lc(data)}${data}`;
const MF = create('3F00', '38FFFFF1F195FFFF7378312E73682EC9E7BBE1B1A3D5CF');
const extAuthKey = (key: string, counter = '88') => `39F0F101${counter}${key}`;
const df = (image: CardImage, fid: number) => image.mf.children.find((c) => c.fid === fid) as DedicatedFile;

describe('CREATE FILE 80 E0 (09-perso.md)', () => {
  it('09-perso: a blank chip takes CREATE FILE 3F00 once; the MF then has its name, space and FCI', () => {
    const card = blankCard();
    expect(sw(card, MF)).toBe('9000');
    expect(hex(card.image.mf.name!)).toBe('7378312E73682EC9E7BBE1B1A3D5CF');
    expect(card.image.mf.space).toBe(0xffff);
    expect(hex(card.image.mf.fciProprietary)).toBe('9F0C03860101');
    expect(sw(card, MF)).toBe('6A86');
  });

  it('09-perso: existing FID → 6A86; no space → 6A84; a 4th DF level → 6A80; bad layout → 6A80 / 6700', () => {
    const card = blankCard();
    sw(card, MF);
    expect(sw(card, create('DF01', '380040F1F195FFFF'))).toBe('9000');
    expect(sw(card, create('DF01', '380040F1F195FFFF'))).toBe('6A86');
    expect(sw(card, '00A4000002DF01')).toBe('9000');
    // DF01 has 0x40 = 64 bytes: a 50-byte transparent EF takes 58, a second one no longer fits.
    expect(sw(card, create('EF01', '280032F0F0FFFF'))).toBe('9000');
    expect(sw(card, create('EF02', '280008F0F0FFFF'))).toBe('6A84');
    expect(sw(card, create('DF11', '380010F1F195FFFF'))).toBe('6A84');
    expect(sw(card, create('EF03', '290008F0F0FFFF'))).toBe('6A80');
    expect(sw(card, create('EF03', '280008F0F0FF'))).toBe('6700');
    expect(sw(card, '00A40000023F00')).toBe('9000');
    expect(sw(card, create('DF02', '380100F1F195FFFF'))).toBe('9000');
    expect(sw(card, '00A4000002DF02')).toBe('9000');
    expect(sw(card, create('DF12', '380080F1F195FFFF'))).toBe('9000');
    expect(sw(card, '00A4000002DF12')).toBe('9000');
    expect(sw(card, create('DF13', '380010F1F195FFFF'))).toBe('6A80');
  });

  it('09-perso: the E1 extension keeps the exact rule; without it the EF gets FMCOS bytes and the FID SFI', () => {
    const card = blankCard();
    sw(card, MF);
    expect(sw(card, create('EF05', '2C0352F1F1FF03E10705040100030201'))).toBe('9000');
    expect(sw(card, create('EF16', '280006F0EFFFFF'))).toBe('9000');
    const [ef05, ef16] = card.image.mf.children;
    expect(ef05).toMatchObject({
      type: 'variable',
      sfi: 5,
      maxRecords: 3,
      recordLength: 0x52,
      read: { kind: 'PIN|KEY', key: 1, sm: false },
      write: { kind: 'KEY', key: 2, sm: true },
    });
    expect(ef16).toMatchObject({
      type: 'transparent',
      sfi: 0x16,
      size: 6,
      data: null,
      read: { kind: 'FMCOS', fmcos: 0xf0 },
      write: { kind: 'FMCOS', fmcos: 0xef },
    });
  });

  it('vendor E2 issues an existing child DF blocked; a missing one → 6A82', () => {
    const card = blankCard();
    sw(card, MF);
    sw(card, create('DF04', '380100F1F195FFFF'));
    expect(sw(card, create('DF04', 'E20101'))).toBe('9000');
    expect(df(card.image, 0xdf04).lifecycle).toBe('temporarily-blocked');
    expect(sw(card, create('DF05', 'E20101'))).toBe('6A82');
    expect(sw(card, '00A4000002DF04')).toBe('6283');
  });
});

describe('WRITE KEY 80/84 D4 and the DF master key (02-commands, 09-perso)', () => {
  /** MF with a key file holding key 01 and master key 0F = KEY_A. */
  function personalised(): Card {
    const card = blankCard();
    sw(card, MF);
    expect(sw(card, writeKey('01', '01', extAuthKey(KEY_B)))).toBe('6A82'); // no key file yet
    expect(sw(card, create('0000', '3F006000F1FFFF'))).toBe('9000');
    expect(sw(card, writeKey('01', '01', extAuthKey(KEY_B)))).toBe('9000');
    expect(sw(card, writeKey('01', '01', extAuthKey(KEY_B)))).toBe('6A80'); // (type, id) exists
    expect(sw(card, writeKey('01', '0F', extAuthKey(KEY_A)))).toBe('9000');
    return card;
  }

  it('09-perso: keys are stored decoded, in id order; the PIN counter nibbles become tries', () => {
    const card = personalised();
    expect(sw(card, create('0001', '3F006000F1FFFF'))).toBe('6A86'); // a second key file
    const keys = card.image.mf.keys;
    expect(keys.map((k) => [k.id, k.type, k.maxTries, k.triesLeft, k.followUpState, k.algorithm])).toEqual([
      [1, 'external-auth', 8, 8, 1, '3des'],
      [15, 'external-auth', 8, 8, 1, '3des'],
    ]);
  });

  it('02-commands: once the master key 0F is in, CREATE FILE / WRITE KEY / ERASE DF need KEY 0F (6982)', () => {
    const card = personalised();
    expect(sw(card, writeKey('01', '02', extAuthKey(KEY_B)))).toBe('6982');
    expect(sw(card, create('EF05', '280010F0F0FFFF'))).toBe('6982');
    expect(sw(card, '800E0000')).toBe('6982');
    // External authentication with key 0F (direct form, 04-crypto) opens them again.
    const r = card.transmit(unhex('0084000008'));
    const cryptogram = directCryptogram('3des', unhex(KEY_A), r.subarray(0, 8));
    expect(sw(card, `008200 0F 08 ${hex(cryptogram)}`)).toBe('9000');
    expect(sw(card, writeKey('01', '02', extAuthKey(KEY_B)))).toBe('9000');
    expect(sw(card, create('EF05', '280010F0F0FFFF'))).toBe('9000');
  });

  it('09-perso: replace (P1 = type) keeps the length; unknown key → 6A88; CLA 80 with type bit 8 → 6987', () => {
    const card = personalised();
    const r = card.transmit(unhex('0084000008'));
    sw(card, `0082000F08${hex(directCryptogram('3des', unhex(KEY_A), r.subarray(0, 8)))}`);
    expect(sw(card, writeKey('39', '01', extAuthKey(KEY_A, '33')))).toBe('9000');
    expect(card.image.mf.keys[0]).toMatchObject({ id: 1, maxTries: 3, triesLeft: 3, value: unhex(KEY_A) });
    expect(sw(card, writeKey('39', '07', extAuthKey(KEY_A)))).toBe('6A88');
    expect(sw(card, writeKey('01', '02', `B9F0F10188${KEY_B}`))).toBe('6987');
    expect(sw(card, writeKey('02', '02', extAuthKey(KEY_B)))).toBe('6A86');
  });

  it('09-perso: CLA 84 WRITE KEY, encrypted LD block + MAC under the master key (04-crypto), installs the key', () => {
    const card = personalised();
    const r = card.transmit(unhex('0084000008'));
    sw(card, `0082000F08${hex(directCryptogram('3des', unhex(KEY_A), r.subarray(0, 8)))}`);
    const challenge = card.transmit(unhex('0084000008')).subarray(0, 8);
    const record = unhex(`F9F0F10188${KEY_B}`); // type 39 with bits 8 and 7: MAC and encrypted
    const command = protectCommand('3des', unhex(KEY_A), challenge, 0x80, 0xd4, 0x01, 0x03, record, {
      encryptionKey: unhex(KEY_A),
    });
    expect(hex(card.transmit(command))).toBe('9000');
    expect(card.image.mf.keys.map((k) => k.id)).toEqual([1, 3, 15]);
    expect(card.image.mf.keys[1]!.value).toEqual(unhex(KEY_B));
    // The same command again: its challenge is spent → 6984; a wrong MAC → 6988.
    expect(hex(card.transmit(command))).toBe('6984');
    card.transmit(unhex('0084000008'));
    const tampered = command.slice();
    tampered[tampered.length - 1]! ^= 1;
    expect(hex(card.transmit(tampered))).toBe('6988');
  });

  it('09-perso: CLA 84 WRITE KEY with a plain record (type bit 8 only) and its MAC installs the key', () => {
    const card = personalised();
    const r = card.transmit(unhex('0084000008'));
    sw(card, `0082000F08${hex(directCryptogram('3des', unhex(KEY_A), r.subarray(0, 8)))}`);
    const challenge = card.transmit(unhex('0084000008')).subarray(0, 8);
    const record = unhex(`B9F0F10188${KEY_B}`);
    const command = protectCommand('3des', unhex(KEY_A), challenge, 0x80, 0xd4, 0x01, 0x04, record);
    expect(hex(card.transmit(command))).toBe('9000');
    expect(card.image.mf.keys.find((k) => k.id === 4)).toMatchObject({
      type: 'external-auth',
      value: unhex(KEY_B),
    });
  });

  it('09-perso: ERASE DF on an open MF empties the card back to a blank chip; 3F00 can be created again', () => {
    const card = blankCard();
    const blank = card.image;
    sw(card, MF);
    sw(card, create('DF01', '380100F1F195FFFF'));
    sw(card, create('0000', '3F001000F1FFFF'));
    expect(sw(card, '800E0000')).toBe('9000');
    expect(card.image).toEqual(blank);
    expect(sw(card, '800E0100')).toBe('6A86');
    expect(sw(card, MF)).toBe('9000');
  });
});

describe('personalisation commands never fault (02-commands: every byte string gets a valid status word)', () => {
  test.prop([
    fc.constantFrom(0x80, 0x84),
    fc.constantFrom(0xe0, 0xd4, 0x0e),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.uint8Array({ maxLength: 40 }),
    fc.boolean(),
  ])(
    '09-perso: random CREATE FILE / WRITE KEY / ERASE DF on a fresh MF answer without 6F00',
    (cla, ins, p1, p2, data, withMf) => {
      const card = blankCard();
      if (withMf) sw(card, MF);
      const apdu = Uint8Array.from([cla, ins, p1, p2, ...(data.length > 0 ? [data.length, ...data] : [])]);
      const response = card.transmit(apdu);
      expect(response.length).toBeGreaterThanOrEqual(2);
      expect(hex(response).slice(-4)).not.toBe('6F00');
    },
  );
});
