/**
 * Security status, access rules, PIN, keys, authentication, lifecycle (03-security.md) and the
 * card-side known answers of 04-crypto.md.
 */
import { protectCommand, verifyResponseMac } from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import { diffImages } from '../src/state/diff.js';
import { concat, dataOf, hex, sw, swHex, toHex } from './helpers/bytes.js';
import { cardImage, GENERATIONS, withEf, withMfKey } from './helpers/images.js';
import { MASTER_KEYS, ministryKey, provinceKey, rule, ZONE_MASTER_KEYS } from './helpers/spec-image.js';
import { Terminal } from './helpers/terminal.js';

describe.each(GENERATIONS)('%s security', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';
  const fresh = (image = cardImage(gen)) => {
    const card = new Card(image, { seed: 11 });
    return { card, t: new Terminal(card, alg) };
  };
  const mfStk = provinceKey(alg, MASTER_KEYS['MP-STK']);
  const mfPuk = provinceKey(alg, MASTER_KEYS['MP-PUK']);
  const mfRpk = provinceKey(alg, MASTER_KEYS['MP-RPK']);
  const zone = (df: number, k: 'RK' | 'UK' | 'STK' | 'MK') => provinceKey(alg, ZONE_MASTER_KEYS[df]![k]);
  const pinTries = (card: Card) => card.image.mf.keys.find((k) => k.type === 'pin')!.triesLeft;

  describe('PIN (03-security "PIN")', () => {
    test('wrong PIN → 63Cx counting down to 63C0, then 6983 even for the right PIN', () => {
      const { t } = fresh();
      for (const left of [4, 3, 2, 1, 0]) expect(t.sw('0020000003111111')).toBe(`63C${left}`);
      expect(t.sw('0020000003123456')).toBe('6983');
      expect(t.sw('00200000')).toBe('6983');
    });

    test('VERIFY with no data tells the tries left without spending one', () => {
      const { card, t } = fresh();
      expect(t.sw('00200000')).toBe('63C5');
      expect(t.sw('0020000003111111')).toBe('63C4');
      expect(t.sw('00200000')).toBe('63C4');
      expect(pinTries(card)).toBe(4);
    });

    test('a right PIN restores the counter; PIN verified opens PIN|KEY files of every zone', () => {
      const { card, t } = fresh();
      t.sw('0020000003111111');
      expect(t.sw('0020000003123456')).toBe('9000');
      expect(pinTries(card)).toBe(5);
      t.select('DF01');
      expect(t.exchange('00B2012C00').sw).toBe(0x9000);
      t.select('3F00');
      t.select('DF03');
      expect(t.exchange('00B2013C00').sw).toBe(0x9000); // kept while moving between DFs
    });

    test('a failed VERIFY clears pinVerified', () => {
      const { t } = fresh();
      t.sw('0020000003123456');
      t.sw('0020000003999999');
      t.select('DF01');
      expect(t.sw('00B2012C00')).toBe('6982');
    });

    test('the try is stored before the comparison (counter committed even if the right PIN follows)', () => {
      const { card, t } = fresh();
      const counters: number[] = [];
      const c2 = new Card(card.image, {
        seed: 1,
        onWrite: (img) => counters.push(img.mf.keys.find((k) => k.type === 'pin')!.triesLeft),
      });
      c2.transmit(hex('0020000003123456'));
      expect(counters).toEqual([5]); // one save after the command, with the restored counter
      const cut = new Card(card.image, { seed: 1 });
      cut.cutPowerAfterWrites(2); // right after the restore write, before it is committed
      expect(cut.transmit(hex('0020000003123456')).length).toBe(0);
      expect(cut.image.mf.keys.find((k) => k.type === 'pin')!.triesLeft).toBe(4);
      void t;
    });

    test('PIN format: nibble > 9 other than trailing F → 6A80; length 1 or 7 → 6700', () => {
      const { t } = fresh();
      expect(t.sw('00200000031234A6')).toBe('6A80');
      expect(t.sw('0020000003F23456')).toBe('6A80');
      expect(t.sw('002000000312345F')).toBe('63C4'); // 12345 is a well-formed wrong PIN
      expect(t.sw('002000000112')).toBe('6700');
      expect(t.sw('002000000712345612345F')).toBe('6700');
    });

    test('CHANGE PIN: old ‖ FF ‖ new; wrong old → 63Cx; right → new PIN works and pinVerified cleared', () => {
      const { t } = fresh();
      expect(t.sw('805E010007111111FF654321')).toBe('63C4');
      t.sw('0020000003123456');
      expect(t.sw('805E010007123456FF654321')).toBe('9000');
      t.select('DF01');
      expect(t.sw('00B2012C00')).toBe('6982');
      expect(t.sw('0020000003123456')).toBe('63C4');
      expect(t.sw('0020000003654321')).toBe('9000');
      expect(t.sw('805E010006123456654321')).toBe('6A80'); // no separator
      expect(t.sw('005E010007123456FF654321')).toBe('6E00');
    });

    test('CHANGE PIN works only while the PIN is not blocked (6983)', () => {
      const { t } = fresh();
      for (let i = 0; i < 5; i++) t.sw('0020000003111111');
      expect(t.sw('805E010007123456FF654321')).toBe('6983');
    });

    test('RELOAD PIN: MAC of the PIN reload key (IV 0) resets a blocked PIN; wrong MAC → 6988', () => {
      const { card, t } = fresh();
      for (let i = 0; i < 5; i++) t.sw('0020000003111111');
      expect(t.sw('805E00000788888800000000')).toBe('6988');
      expect(t.reloadPin('888888', mfRpk)).toBe(0x9000);
      expect(pinTries(card)).toBe(5);
      expect(t.sw('0020000003888888')).toBe('9000');
    });

    test('PIN UNBLOCK: enc(LD‖PIN) ‖ MAC under the PUK replaces the PIN and restores the counter', () => {
      const { card, t } = fresh();
      for (let i = 0; i < 5; i++) t.sw('0020000003111111');
      expect(t.pinUnblock('246810', mfPuk)).toBe(0x9000);
      expect(pinTries(card)).toBe(5);
      expect(t.sw('0020000003246810')).toBe('9000');
      // CLA 80: the MAC is required → 6987; wrong MAC → 6988; no challenge → 6984
      const block = t.encryptedPinBlock('123456', mfPuk);
      expect(t.sw(concat(hex(`80240000${block.length.toString(16).padStart(2, '0')}`), block))).toBe('6987');
      const withMac = concat(
        hex(`84240000${(block.length + 4).toString(16).padStart(2, '0')}`),
        block,
        hex('00000000'),
      );
      expect(t.sw(withMac)).toBe('6984');
      t.challenge(8);
      expect(t.sw(withMac)).toBe('6988');
    });
  });

  describe('keys and authentication (03-security "Keys", 04-crypto)', () => {
    test('EXTERNAL AUTHENTICATE session form with the diversified key sets KEY k', () => {
      const { t } = fresh();
      expect(t.sw('00B0870001')).toBe('6982');
      expect(t.externalAuthenticate(0x07, ministryKey(alg, MASTER_KEYS['MM-RB']))).toBe(0x9000);
      expect(t.sw('00B0870001')).toBe('9000');
    });

    test('wrong cryptogram → 63Cx (8 tries), then 6983 forever, even with the right key', () => {
      const { t } = fresh();
      const wrong = new Uint8Array(16).fill(1);
      for (let left = 7; left >= 0; left--) expect(t.externalAuthenticate(0x07, wrong)).toBe(0x63c0 | left);
      expect(t.externalAuthenticate(0x07, ministryKey(alg, MASTER_KEYS['MM-RB']))).toBe(0x6983);
    });

    test('a right cryptogram restores the key counter', () => {
      const { card, t } = fresh();
      t.externalAuthenticate(0x07, new Uint8Array(16));
      expect(card.image.mf.keys.find((k) => k.id === 7)!.triesLeft).toBe(7);
      t.externalAuthenticate(0x07, ministryKey(alg, MASTER_KEYS['MM-RB']));
      expect(card.image.mf.keys.find((k) => k.id === 7)!.triesLeft).toBe(8);
    });

    test('8-byte and (3g) 16-byte challenges make session keys; after a 4-byte one → 6984 (03-security §v2)', () => {
      const { t } = fresh();
      const rb = ministryKey(alg, MASTER_KEYS['MM-RB']);
      expect(t.externalAuthenticate(0x07, rb, 4)).toBe(0x6984);
      expect(t.externalAuthenticate(0x07, rb, 8)).toBe(0x9000);
      if (gen === '3g') expect(t.externalAuthenticate(0x07, rb, 16)).toBe(0x9000);
    });

    test('authKeys are emptied by any DF selection, even of the same DF', () => {
      const { t } = fresh();
      t.select('DF01');
      expect(t.externalAuthenticate(0x01, zone(0xdf01, 'RK'))).toBe(0x9000);
      expect(t.exchange('00B2012C00').sw).toBe(0x9000);
      t.select('DF01');
      expect(t.sw('00B2012C00')).toBe('6982');
    });

    test('unknown key id → 6A88; wrong Lc → 6700; P1 ≠ 00 → 6A86; no challenge → 6984', () => {
      const { t } = fresh();
      t.challenge();
      const bs = gen === '2g' ? 8 : 16;
      expect(t.sw(`00820009${(2 * bs).toString(16)}${'00'.repeat(2 * bs)}`)).toBe('6A88');
      expect(t.sw(`0082000403000000`)).toBe('6700');
      expect(t.sw(`00820104${(2 * bs).toString(16)}${'00'.repeat(2 * bs)}`)).toBe('6A86');
      expect(t.sw(`00820004${(2 * bs).toString(16)}${'00'.repeat(2 * bs)}`)).toBe('6984');
    });

    test('INTERNAL AUTHENTICATE answers E(K_int, data) with the ministry-diversified key 05', async () => {
      const { internalAuthentication } = await import('@ssc-cos/apdu-codec/crypto');
      const { t } = fresh();
      const n = new Uint8Array(gen === '2g' ? 8 : 16).map((_, i) => i);
      const r = t.exchange(concat(hex(`00880005${n.length.toString(16).padStart(2, '0')}`), n));
      expect(r.sw).toBe(0x9000);
      expect(toHex(r.data)).toBe(
        toHex(internalAuthentication(alg, ministryKey(alg, MASTER_KEYS['MM-IRK']), n)),
      );
      expect(t.sw('0088000502AABB')).toBe('6700');
      expect(t.sw(`00880006${n.length.toString(16).padStart(2, '0')}${toHex(n)}`)).toBe('6A88');
    });
  });

  describe('lifecycle (03-security "Lifecycle")', () => {
    const blockSsse = (t: Terminal, p2: number) =>
      sw(t.send(t.protectedCommand(0x80, 0x1e, 0, p2, new Uint8Array(0), mfStk)));
    const unblockCurrent = (t: Terminal, key: Uint8Array) =>
      sw(t.send(t.protectedCommand(0x80, 0x18, 0, 0, new Uint8Array(0), key)));

    test('issue: DF04 temporarily blocked → SELECT 6283 (T0 no data, T1 FCI), reads 6A81', () => {
      const { t } = fresh();
      expect(toHex(t.send('00A4000002DF04'))).toBe('6283');
      expect(t.sw('00B2012C00')).toBe('6A81');
      expect(t.sw('0020000003123456')).toBe('6A81');
      const t1 = fresh(cardImage(gen, 'T1')).t;
      const r = t1.send('00A4000002DF04');
      expect(swHex(r)).toBe('6283');
      expect(dataOf(r)[0]).toBe(0x6f);
    });

    test('temporary loss report: APPLICATION BLOCK 00 on the SSSE; only SELECT, GET CHALLENGE, APPLICATION UNBLOCK answered', () => {
      const { t } = fresh();
      expect(blockSsse(t, 0)).toBe(0x9000);
      expect(t.sw('00B2012C00')).toBe('6A81');
      expect(t.sw('0020000003123456')).toBe('6A81');
      expect(t.sw('00A4000002DF01')).toBe('6283'); // blocking the SSSE blocks everything under it
      expect(t.sw('00A4000002EF05')).toBe('9000'); // SELECT stays allowed
      expect(t.sw('00A40000023F00')).toBe('6283');
      expect(blockSsse(t, 0)).toBe(0x6a81);
      expect(unblockCurrent(t, mfStk)).toBe(0x9000);
      expect(t.sw('00B2012C00')).toBe('9000');
    });

    test('03-security temporary loss report: GET RESPONSE is not on the allow-list → 6A81 (not 6985)', () => {
      const { t } = fresh();
      expect(blockSsse(t, 0)).toBe(0x9000);
      expect(t.sw('00C0000000')).toBe('6A81');
      expect(t.sw('00A4000002DF04')).toBe('6283');
      expect(t.sw('00C0000010')).toBe('6A81');
      // After the unblock GET RESPONSE is answered again (nothing pending → 6985).
      expect(t.sw('00A40000023F00')).toBe('6283');
      expect(unblockCurrent(t, mfStk)).toBe(0x9000);
      expect(t.sw('00C0000000')).toBe('6985');
    });

    test('replacement issued: APPLICATION BLOCK 01 → APPLICATION UNBLOCK answers 9303', () => {
      const { t } = fresh();
      expect(blockSsse(t, 1)).toBe(0x9000);
      expect(unblockCurrent(t, mfStk)).toBe(0x9303);
      expect(t.sw('00B2012C00')).toBe('6A81');
    });

    test('lifecycle MACs: CLA 80 → 6987, wrong MAC → 6988, no challenge → 6984, wrong key → 6988', () => {
      const { t } = fresh();
      expect(t.sw('801E0000')).toBe('6987');
      expect(t.sw('841E00000400000000')).toBe('6984');
      t.challenge();
      expect(t.sw('841E00000400000000')).toBe('6988');
      expect(blockSsse(t, 2)).toBe(0x6a86);
      expect(sw(t.send(t.protectedCommand(0x80, 0x1e, 0, 0, new Uint8Array(0), mfPuk)))).toBe(0x6988);
    });

    test('CARD BLOCK: every command → 6A81, SELECT included, and after a reset', () => {
      const { card, t } = fresh();
      expect(sw(t.send(t.protectedCommand(0x80, 0x16, 0, 0, new Uint8Array(0), mfStk)))).toBe(0x9000);
      expect(t.sw('00A40000023F00')).toBe('6A81');
      expect(t.sw('0084000008')).toBe('6A81');
      expect(t.sw('FFFF')).toBe('6A81');
      card.reset();
      expect(t.sw('00A40000023F00')).toBe('6A81');
    });
  });

  describe('+SM line protection (03-security "+SM", 04-crypto "Line-protection MAC")', () => {
    const smImage = () =>
      withEf(cardImage(gen), 0xdf01, 0xef05, (ef) => ({
        ...ef,
        read: rule('PIN|KEY 01 +SM'),
        write: rule('KEY 02 +SM'),
      }));

    test('a +SM read with plain CLA → 6987; with a right MAC → data ‖ MAC over the data (same IV)', () => {
      const { t } = fresh(smImage());
      t.select('DF01');
      t.sw('0020000003123456');
      expect(t.sw('00B2012C00')).toBe('6987');
      const stk = zone(0xdf01, 'STK');
      const r = t.challenge(gen === '2g' ? 8 : 16);
      const cmd = protectCommand(alg, stk, r, 0x00, 0xb2, 0x01, 0x2c, new Uint8Array(0), { le: 0 });
      const resp = t.exchange(cmd);
      expect(resp.sw).toBe(0x9000);
      expect(resp.data[0]).toBe(0x20);
      expect(verifyResponseMac(alg, stk, r, resp.data)).toBe(true);
    });

    test("02-commands step 11: 6Cxx is for case-2 reads under T0 only — a MAC'd read (case 4) ignores its Le there", () => {
      const { t } = fresh(smImage());
      t.select('DF01');
      t.sw('0020000003123456');
      const stk = zone(0xdf01, 'STK');
      // 01-card DF01 EF05 record 1: tag 20, address GBK 80 → 82-byte TLV, + 4-byte MAC = 0x56.
      const r = t.challenge(gen === '2g' ? 8 : 16);
      const cmd = protectCommand(alg, stk, r, 0x00, 0xb2, 0x01, 0x2c, new Uint8Array(0), { le: 5 });
      expect(t.sw(cmd)).toBe('6156');
      const resp = t.exchange('00C0000056');
      expect(resp.sw).toBe(0x9000);
      expect(resp.data.length).toBe(0x56);
      expect(verifyResponseMac(alg, stk, r, resp.data)).toBe(true);
    });

    test('02-commands READ BINARY Le=00 with a MAC: file data + MAC fit one short response (≤ 256 bytes, 252 of data)', () => {
      for (const transport of ['T0', 'T1'] as const) {
        const { t } = fresh(cardImage(gen, transport));
        // 01-card: EF08 photo, 4096 bytes, read KEY 07 (SSSE); the MAC is the SSSE line key's.
        expect(t.externalAuthenticate(0x07, ministryKey(alg, MASTER_KEYS['MM-RB']))).toBe(0x9000);
        const plain = dataOf(t.send('00B0880000'));
        expect(plain.length).toBe(256);
        const r = t.challenge(gen === '2g' ? 8 : 16);
        const cmd = protectCommand(alg, mfStk, r, 0x00, 0xb0, 0x88, 0x00, new Uint8Array(0), { le: 0 });
        const first = t.send(cmd);
        if (transport === 'T0') expect(swHex(first)).toBe('6100'); // 256 bytes to fetch
        const resp = transport === 'T0' ? t.exchange('00C0000000') : { data: dataOf(first), sw: sw(first) };
        expect(resp.sw).toBe(0x9000);
        expect(resp.data.length).toBe(256);
        expect(toHex(resp.data.subarray(0, 252))).toBe(toHex(plain.subarray(0, 252)));
        expect(verifyResponseMac(alg, mfStk, r, resp.data)).toBe(true);
      }
    });

    test('a +SM write with a wrong MAC → 6988, nothing written, a try of the line key spent; right MAC → written', () => {
      const { card, t } = fresh(smImage());
      t.select('DF01');
      expect(t.externalAuthenticate(0x02, zone(0xdf01, 'UK'))).toBe(0x9000);
      t.challenge();
      const before = card.image;
      expect(t.sw('04DC032C09' + '0E03110100' + '00000000')).toBe('6988');
      // 03-security §v2: only the line key's counter changed.
      expect(diffImages(before, card.image).map((d) => d.path)).toEqual([
        expect.stringMatching(/df01.*line-protection.*3.*triesLeft/i),
      ]);
      const cmd = t.protectedCommand(0x00, 0xdc, 0x03, 0x2c, hex('0E03120100'), zone(0xdf01, 'STK'));
      expect(sw(t.send(cmd))).toBe(0x9000);
      expect(card.image).not.toBe(before);
    });
  });

  test('06-keys: a terminal knowing only the master keys activates DF04 (APPLICATION UNBLOCK, line key) and opens it (session-form EXTERNAL AUTHENTICATE)', () => {
    const { t } = fresh();
    expect(t.selectSsse()).toBe(0x9000);
    expect(t.sw('00A4000002DF04')).toBe('6283');
    const stk = provinceKey(alg, ZONE_MASTER_KEYS[0xdf04]!.STK);
    expect(unblockZone(t, stk)).toBe(0x9000);
    expect(t.select('DF04')).toBe(0x9000);
    expect(t.sw('00B2012C00')).toBe('6982');
    expect(t.externalAuthenticate(0x01, provinceKey(alg, ZONE_MASTER_KEYS[0xdf04]!.RK))).toBe(0x9000);
    const first = t.exchange('00B2012C00');
    expect(first.sw).toBe(0x9000);
    expect(first.data[0]).toBe(0x81);
    expect(t.exchange('00B2022C00').data[0]).toBe(0x84);
    // EF06 medical account is PIN+KEY 01: the key alone is not enough
    expect(t.sw('00B2013400')).toBe('6982');
    expect(t.sw('0020000003123456')).toBe('9000');
    expect(t.exchange('00B2013400').data[0]).toBe(0x90);
  });

  test('06-keys: with a wrong key the terminal gets 63Cx and no access', () => {
    const { t } = fresh();
    t.sw('00A4000002DF04');
    expect(unblockZone(t, provinceKey(alg, ZONE_MASTER_KEYS[0xdf04]!.STK))).toBe(0x9000);
    t.select('DF04');
    const wrongKey = provinceKey(alg, ZONE_MASTER_KEYS[0xdf03]!.RK);
    expect(t.externalAuthenticate(0x01, wrongKey)).toBe(0x63c7);
    expect(t.sw('00B2012C00')).toBe('6982');
    // the DF04 activation needs DF04's own line key
    const other = fresh().t;
    other.sw('00A4000002DF04');
    expect(unblockZone(other, provinceKey(alg, ZONE_MASTER_KEYS[0xdf03]!.STK))).toBe(0x6988);
  });

  function unblockZone(t: Terminal, stk: Uint8Array): number {
    return sw(t.send(t.protectedCommand(0x80, 0x18, 0, 0, new Uint8Array(0), stk)));
  }
});

describe('04-crypto known answers, through the card', () => {
  const kk = (k: string) => hex(k + k); // single DES as 3DES with K‖K
  const fixedRandom = (bytes: string) => () => hex(bytes);

  test('FMCOS ext-auth (direct form, DES key): K 0102030405060708, R BB83BFF3 → 74B0047DD681D96C', () => {
    const image = withMfKey(cardImage('2g'), 0x04, 'external-auth', kk('0102030405060708'));
    // The published example's 4-byte challenge: the card no longer accepts it (03-security §v2).
    const four = new Card(image, { random: fixedRandom('BB83BFF3') });
    expect(toHex(four.transmit(hex('0084000004')))).toBe('BB83BFF39000');
    expect(toHex(four.transmit(hex('008200040874B0047DD681D96C')))).toBe('6984');
    // The direct form pads R with zeros to one block, so R = BB83BFF3 00000000 taken as an
    // 8-byte challenge gives the same published cryptogram.
    const card = new Card(image, { random: fixedRandom('BB83BFF300000000') });
    expect(toHex(card.transmit(hex('0084000008')))).toBe('BB83BFF3000000009000');
    expect(toHex(card.transmit(hex('008200040874B0047DD681D96C')))).toBe('9000');
    card.transmit(hex('0084000008'));
    expect(toHex(card.transmit(hex('008200040874B0047DD681D96D')))).toBe('63C7');
  });

  test('FMCOS internal auth: K 1122334455667788, data 0102030405060708 → 178F59F8578E0D3F', () => {
    const image = withMfKey(cardImage('2g'), 0x05, 'internal-auth', kk('1122334455667788'));
    const card = new Card({ ...image, options: { ...image.options, transport: 'T1' } });
    expect(toHex(card.transmit(hex('00880005080102030405060708')))).toBe('178F59F8578E0D3F9000');
  });

  test('CARD BLOCK MAC: K 000102…0F, IV (challenge) 0102030405060708 → CF65234E', () => {
    const image = withMfKey(
      cardImage('2g'),
      0x03,
      'line-protection',
      hex('000102030405060708090A0B0C0D0E0F'),
    );
    const card = new Card(image, { random: fixedRandom('0102030405060708') });
    card.transmit(hex('0084000008'));
    expect(toHex(card.transmit(hex('8416000004CF65234F')))).toBe('6988');
    card.transmit(hex('0084000008'));
    expect(toHex(card.transmit(hex('8416000004CF65234E')))).toBe('9000');
    expect(toHex(card.transmit(hex('00A40000023F00')))).toBe('6A81');
  });

  test('retail MAC: 04D685000C 1122334455667788 with IV 0102030405060708 → 267649E6 (UPDATE BINARY +SM)', () => {
    let image = withMfKey(cardImage('2g'), 0x03, 'line-protection', hex('000102030405060708090A0B0C0D0E0F'));
    image = withEf(image, null, 0xef05, (ef) => ({
      type: 'transparent',
      fid: ef.fid,
      sfi: 5,
      read: rule('FREE'),
      write: rule('FREE +SM'),
      size: 16,
      data: null,
    }));
    const card = new Card(
      { ...image, options: { ...image.options, transport: 'T1' } },
      { random: fixedRandom('0102030405060708') },
    );
    card.transmit(hex('0084000008'));
    expect(toHex(card.transmit(hex('04D685000C1122334455667788267649E6')))).toBe('9000');
    expect(toHex(card.transmit(hex('00B0850008')))).toBe('11223344556677889000');
  });

  test('encrypted LD block: PUK 000102…0F (3DES), 9044367646555726 decrypts to PIN 123456', async () => {
    const { protectedApdu, lineMac, macInput, macIv } = await import('@ssc-cos/apdu-codec/crypto');
    const puk = hex('000102030405060708090A0B0C0D0E0F');
    const image = withMfKey(cardImage('2g'), 0x01, 'pin-unblock', puk);
    const card = new Card(image, { random: fixedRandom('1111111111111111') });
    for (let i = 0; i < 5; i++) card.transmit(hex('0020000003999999'));
    const block = hex('9044367646555726');
    const r = card.transmit(hex('0084000008'));
    const mac = lineMac('3des', puk, macIv('3des', dataOf(r)), macInput(0x84, 0x24, 0, 0, block));
    expect(toHex(card.transmit(protectedApdu(0x84, 0x24, 0, 0, block, mac)))).toBe('9000');
    expect(toHex(card.transmit(hex('0020000003123456')))).toBe('9000');
  });
});
