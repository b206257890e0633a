/**
 * 11-pki.md on the card (docs/pki.md): the PKI DDF/ADF and files, ciphered VERIFY, admin PIN,
 * key generation, public key read, envelope import, certificates in chunks, sign and verify.
 */
import {
  generateSm2KeyPair,
  sm2Digest,
  sm2PublicKeyOf,
  sm2Verify,
  sm2VerifyDigest,
  sm3,
} from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import { Card } from '../../src/card.js';
import { buildImage, loadProfile } from '../../src/profile/index.js';
import { diffImages } from '../../src/state/diff.js';
import { hex, toHex } from '../helpers/bytes.js';
import {
  ADMIN_PIN,
  envelopeFor,
  PkiTerminal,
  SELECT_ADF,
  SELECT_DDF,
  SIGNING_PAIR,
  USER_PIN,
} from './pki-terminal.js';

const PROFILES = ['ssc-3g-sm4', 'ssc-3g-des'] as const;

/** A copy of `bytes` with the lowest bit of byte `at` flipped. */
function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const out = bytes.slice();
  out[at] = out[at]! ^ 0x01;
  return out;
}

describe.each(PROFILES)('%s: PKI application files', (profile) => {
  test('the DDF and ADF answer SELECT by name; the ADF also by FID DF01 after the DDF', () => {
    const t = PkiTerminal.onProfile(profile);
    const ddf = t.exchange(SELECT_DDF);
    expect(ddf.sw).toBe(0x9000);
    expect(toHex(ddf.data)).toContain('504B492EC9E7BBE1B1A3D5CF');
    expect(t.select('DF01')).toBe(0x9000);
    expect(t.sw('00A4000002' + '0012')).toBe('9000');
    expect(t.exchange(SELECT_ADF).sw).toBe(0x9000);
    expect(t.sw('00A40000020018')).toBe('9000');
  });

  test('0012 reads 66 zero bytes until a key pair exists; 0013 and 0015 never read', () => {
    const t = PkiTerminal.onProfile(profile);
    t.exchange(SELECT_ADF);
    t.select('0012');
    expect(t.exchange('00B0000042')).toEqual({ data: new Uint8Array(66), sw: 0x9000 });
    t.select('0013');
    expect(t.sw('00B0000020')).toBe('6982');
    expect(t.verifyUser()).toBe('9000');
    expect(t.verifyAdmin()).toBe('9000');
    expect(t.generate()).toBe('9000');
    t.select('0013');
    expect(t.sw('00B0000020')).toBe('6982');
    t.select('0015');
    expect(t.sw('00B0000020')).toBe('6982');
    t.select('0012');
    expect(t.sw('00D6000001FF')).toBe('6982');
  });

  test('not on the 2nd generation card', () => {
    const image = buildImage(loadProfile('ssc-2g-des'));
    const t = new PkiTerminal(new Card(image, { seed: 1 }), image.algorithm);
    expect(t.sw(SELECT_DDF)).toBe('6A82');
  });
});

describe('SM3 of a PIN (80 C4) and the ciphered VERIFY', () => {
  test('80 C4 answers SM3 of the PIN bytes (11-pki.md value), in the DDF or ADF only', () => {
    const t = PkiTerminal.onProfile('ssc-3g-sm4');
    expect(t.sw('80C4010305C10312345600')).toBe('6985');
    t.exchange(SELECT_DDF);
    const r = t.exchange('80C4010305C10312345600');
    expect(toHex(r.data)).toBe('3DE741F445DD357BEA4E6C3FE6437036F62B5E3EC0F00D62796EDB4305ED627F');
    t.exchange(SELECT_ADF);
    expect(t.exchange('80C4010306C1041234567800').data).toEqual(sm3(ADMIN_PIN));
  });

  test("the worked example of 11-pki.md byte for byte: the card's challenge R, the card accepts 358B…", () => {
    // A card whose next 16 random bytes are R of the worked example.
    const R = hex('178CEDCF32C5D7990216632170C7CD37');
    const image = buildImage(loadProfile('ssc-3g-sm4'));
    let nextChallenge: Uint8Array | null = null;
    const card = new Card(image, {
      random: (n) => (n === 16 && nextChallenge ? nextChallenge : new Uint8Array(n)),
    });
    const t = new PkiTerminal(card, 'sm4');
    t.exchange(SELECT_ADF);
    nextChallenge = R;
    expect(t.challenge(16)).toEqual(R);
    expect(t.sw('0020018110358B51056B9B9EB2C96B20E7DB7A6B8F')).toBe('9000');
  });

  test('counters and blocking as for the plain PIN: 63C4 … 6983; a right one restores the count', () => {
    const t = PkiTerminal.onProfile('ssc-3g-sm4');
    t.exchange(SELECT_ADF);
    expect(t.verifyCiphered('81', hex('111111'))).toBe('63C4');
    expect(t.verifyUser()).toBe('9000');
    expect(t.sw('0020000000')).toBe('63C5');
    for (const left of [4, 3, 2, 1, 0]) expect(t.verifyCiphered('00', hex('11111111'))).toBe(`63C${left}`);
    expect(t.verifyAdmin()).toBe('6983');
    // the admin PIN's counter is its own: the cardholder's PIN is untouched
    expect(t.verifyUser()).toBe('9000');
  });

  test('no 16-byte challenge → 6984 and no try spent; the challenge serves one attempt', () => {
    const t = PkiTerminal.onProfile('ssc-3g-sm4');
    t.exchange(SELECT_ADF);
    expect(t.sw(`0020018110${'00'.repeat(16)}`)).toBe('6984');
    t.challenge(8);
    expect(t.sw(`0020018110${'00'.repeat(16)}`)).toBe('6984');
    expect(t.sw('0020000000')).toBe('63C5');
    expect(t.sw(`0020018108${'00'.repeat(8)}`)).toBe('6700');
  });

  test('outside the PKI ADF the ciphered forms are 6A86', () => {
    const t = PkiTerminal.onProfile('ssc-3g-sm4');
    t.challenge(16);
    expect(t.sw(`0020018110${'00'.repeat(16)}`)).toBe('6A86');
  });

  test('change admin PIN under MAC: the new PIN works, the old does not; a wrong MAC spends a try', () => {
    const t = PkiTerminal.onProfile('ssc-3g-sm4');
    t.exchange(SELECT_ADF);
    expect(t.sw(`845E010014${'00'.repeat(20)}`)).toBe('6984');
    expect(t.changeAdminPin(hex('87654321'), hex('11112222'))).toBe('63C4');
    expect(t.changeAdminPin(ADMIN_PIN, hex('11112222'))).toBe('9000');
    expect(t.verifyAdmin()).toBe('63C4');
    expect(t.verifyCiphered('00', hex('11112222'))).toBe('9000');
  });
});

describe.each(PROFILES)('%s: key pair, sign and verify', (profile) => {
  test('80 40 needs the cardholder PIN; 80 C9 reads CA40 ‖ X ‖ Y, equal to 0012', () => {
    const t = PkiTerminal.onProfile(profile);
    t.exchange(SELECT_ADF);
    expect(t.publicKey()).toBe('6A88');
    expect(t.generate()).toBe('6982');
    expect(t.verifyUser()).toBe('9000');
    expect(t.generate()).toBe('9000');
    const pub = t.publicKey() as Uint8Array;
    expect(pub).toHaveLength(64);
    t.select('0012');
    expect(t.exchange('00B0000042').data).toEqual(hex(`CA40${toHex(pub)}`));
    // the pair named by 80 C9 82 00 is forgotten with a DF selection
    t.exchange(SELECT_ADF);
    expect(t.sw('80C9828000')).toBe('6985');
  });

  test('a seeded card makes the same key pair and the same signature on every run', () => {
    const run = (): string[] => {
      const t = PkiTerminal.onProfile(profile, 42);
      t.exchange(SELECT_ADF);
      t.verifyUser();
      t.generate();
      const pub = t.publicKey() as Uint8Array;
      return [toHex(pub), toHex(t.sign(sm2Digest(pub, hex('414243'))).data)];
    };
    expect(run()).toEqual(run());
  });

  test('sign: r ‖ s over SM3(Z ‖ M) verifies under the public key read; one bit changed does not', () => {
    const t = PkiTerminal.onProfile(profile);
    t.exchange(SELECT_ADF);
    t.verifyUser();
    t.generate();
    const pub = t.publicKey() as Uint8Array;
    const message = new TextEncoder().encode('ssc-cos PKI signature');
    const r = t.sign(sm2Digest(pub, message));
    expect(r.sw).toBe(0x9000);
    expect(r.data).toHaveLength(64);
    expect(sm2Verify(pub, message, r.data)).toBe(true);
    const changed = flipped(message, 0);
    expect(sm2Verify(pub, changed, r.data)).toBe(false);
    expect(t.verifyOnCard(sm2Digest(pub, message), r.data)).toBe('9000');
    expect(t.verifyOnCard(sm2Digest(pub, changed), r.data)).toBe('6988');
  });

  test('sign needs the PIN and a key pair; verify is free', () => {
    const t = PkiTerminal.onProfile(profile);
    t.exchange(SELECT_ADF);
    const e = new Uint8Array(32).fill(1);
    expect(t.sign(e).sw).toBe(0x6a88);
    t.verifyUser();
    t.generate();
    const r = t.sign(e);
    t.card.reset();
    t.exchange(SELECT_ADF);
    expect(t.sign(e).sw).toBe(0x6982);
    expect(t.verifyOnCard(e, r.data)).toBe('9000');
    expect(sm2VerifyDigest(t.publicKey() as Uint8Array, e, r.data)).toBe(true);
  });
});

describe.each(PROFILES)('%s: envelope import and certificates', (profile) => {
  function issued(): { t: PkiTerminal; signing: Uint8Array } {
    const t = PkiTerminal.onProfile(profile);
    t.exchange(SELECT_ADF);
    t.verifyUser();
    t.generate();
    return { t, signing: t.publicKey() as Uint8Array };
  }

  test('round trip: wrapped by a CA, unwrapped, written; the encryption public key reads back equal', () => {
    const { t, signing } = issued();
    const sessionKey = hex('00112233445566778899AABBCCDDEEFF');
    const pair = generateSm2KeyPair((n) => new Uint8Array(n).fill(0x5a));
    expect(t.unwrap(envelopeFor(signing, sessionKey)).sw).toBe(0x6982);
    expect(t.verifyAdmin()).toBe('9000');
    const unwrapped = t.unwrap(envelopeFor(signing, sessionKey));
    expect(unwrapped).toEqual({ data: sessionKey, sw: 0x9000 });
    expect(t.writeEncryptionPrivate(sessionKey, pair.privateKey)).toBe('6985');
    expect(t.loadSessionKey(unwrapped.data)).toBe('9000');
    expect(t.writeEncryptionPublic(pair.publicKey)).toBe('9000');
    expect(t.writeEncryptionPrivate(sessionKey, pair.privateKey)).toBe('9000');
    expect(t.publicKey('C0020014C2020015')).toEqual(pair.publicKey);
    expect(sm2PublicKeyOf(pair.privateKey)).toEqual(pair.publicKey);
  });

  test('a wrong envelope is refused with nothing changed: 6A80, no try spent, keys as before', () => {
    const { t, signing } = issued();
    t.verifyAdmin();
    const envelope = envelopeFor(signing, new Uint8Array(16).fill(7));
    const before = t.card.image;
    expect(t.unwrap(flipped(envelope, 70)).sw).toBe(0x6a80); // inside C3
    expect(t.unwrap(flipped(envelope, 0)).sw).toBe(0x6a80); // C1 off the curve
    expect(t.unwrap(flipped(envelope, 100)).sw).toBe(0x6a80); // inside C2
    expect(t.card.image).toBe(before);
    // a private key that does not match 0014 is refused too
    const pair = generateSm2KeyPair((n) => new Uint8Array(n).fill(0x33));
    const key = new Uint8Array(16).fill(9);
    t.loadSessionKey(key);
    expect(t.writeEncryptionPublic(pair.publicKey)).toBe('9000');
    expect(
      t.writeEncryptionPrivate(key, generateSm2KeyPair((n) => new Uint8Array(n).fill(0x44)).privateKey),
    ).toBe('6A80');
    expect(t.writeEncryptionPublic(new Uint8Array(64).fill(1))).toBe('6A80');
  });

  test('certificates: UPDATE BINARY in chunks under the admin PIN, READ BINARY free', () => {
    const { t } = issued();
    const cert = Uint8Array.from({ length: 700 }, (_, i) => (i * 7) & 0xff);
    t.select('0018');
    expect(t.sw(`00D6000010${'00'.repeat(16)}`)).toBe('6982');
    t.verifyAdmin();
    t.select('0018');
    for (let offset = 0; offset < cert.length; offset += 250) {
      const chunk = cert.subarray(offset, offset + 250);
      const p1p2 = offset.toString(16).padStart(4, '0');
      expect(t.sw(`00D6${p1p2}${chunk.length.toString(16).padStart(2, '0')}${toHex(chunk)}`)).toBe('9000');
    }
    t.card.reset();
    t.exchange(SELECT_ADF);
    t.select('0018');
    const read: number[] = [];
    for (let offset = 0; offset < cert.length; offset += 200) {
      const n = Math.min(200, cert.length - offset);
      const p1p2 = offset.toString(16).padStart(4, '0');
      read.push(...t.exchange(`00B0${p1p2}${n.toString(16).padStart(2, '0')}`).data);
    }
    expect(Uint8Array.from(read)).toEqual(cert);
    expect(t.sw('00D6040001FF')).toBe('6B00');
  });

  test('no response ever carries a private key', () => {
    const { t, signing } = issued();
    const transcript: string[] = [];
    const send = t.send.bind(t);
    t.send = (apdu) => {
      const r = send(apdu);
      transcript.push(toHex(r));
      return r;
    };
    t.verifyAdmin();
    const key = new Uint8Array(16).fill(3);
    t.unwrap(envelopeFor(signing, key));
    t.loadSessionKey(key);
    const pair = generateSm2KeyPair((n) => new Uint8Array(n).fill(0x21));
    t.writeEncryptionPublic(pair.publicKey);
    t.writeEncryptionPrivate(key, pair.privateKey);
    for (const fid of ['0012', '0013', '0014', '0015']) {
      t.select(fid);
      t.exchange('00B0000000');
    }
    t.sign(new Uint8Array(32));
    const image = t.card.image;
    const adf = image.mf.children.find((c) => c.type === 'df' && c.fid === 0xddf1);
    if (adf?.type !== 'df') throw new Error('no PKI DDF');
    const df01 = adf.children.find((c) => c.type === 'df');
    if (df01?.type !== 'df') throw new Error('no PKI ADF');
    const secrets = df01.children
      .filter((c) => c.type === 'transparent' && (c.fid === 0x13 || c.fid === 0x15))
      .map((c) => (c.type === 'transparent' && c.data ? toHex(c.data) : ''));
    expect(secrets.every((s) => s.length === 64)).toBe(true);
    for (const s of secrets) for (const r of transcript) expect(r).not.toContain(s);
  });
});

test('diffImages shows that a private-key EF changed, never its bytes (rule NEVER: a secret)', () => {
  const t = PkiTerminal.onProfile('ssc-3g-sm4');
  t.exchange(SELECT_ADF);
  t.verifyUser();
  const before = t.card.image;
  expect(t.generate()).toBe('9000');
  const diff = diffImages(before, t.card.image);
  const private13 = diff.find((d) => d.path.includes('EF:0013'));
  expect(private13).toEqual({
    path: expect.stringContaining('EF:0013'),
    before: '(key value)',
    after: '(changed)',
  });
  expect(diff.find((d) => d.path.includes('EF:0012'))?.after).toMatch(/^CA40/);
});

test('the signing pair named by 80 C9 must be a pair of the ADF', () => {
  const t = PkiTerminal.onProfile('ssc-3g-sm4');
  t.exchange(SELECT_ADF);
  expect(t.sw('80C9820008C0020012C2020015')).toBe('6A82');
  expect(t.sw('80C9820008C1020012C2020013')).toBe('6A80');
  expect(t.sw(`8040000008${SIGNING_PAIR}`)).toBe('6982');
  void USER_PIN;
});
