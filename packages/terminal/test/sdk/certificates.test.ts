/**
 * iWriteCA / iReadCA (docs/terminal.md §Certificates) on cos-sim's 3rd-generation cards in
 * process: the issuing flow through the SDK face, the answer is what the card holds afterwards,
 * node:crypto's X509Certificate reads both certificates, the CA's signature on them verifies.
 */
import { X509Certificate } from 'node:crypto';
import { fromHex } from '@ssc-cos/apdu-codec';
import { sm2Verify } from '@ssc-cos/apdu-codec/crypto';
import { describe, expect, test } from 'vitest';
import { iReadCA, iWriteCA, TestCa } from '../../src/index.js';
import { seededRandomForTests } from '../pki-random.js';
import { simReader } from '../sim-reader.js';

/** DER length at `at` (after the tag): [length, bytes the length took]. */
function derLength(der: Uint8Array, at: number): [number, number] {
  const first = der[at]!;
  if (first < 0x80) return [first, 1];
  let n = 0;
  for (let i = 1; i <= (first & 0x7f); i++) n = (n << 8) | der[at + i]!;
  return [n, 1 + (first & 0x7f)];
}

/** A certificate's TBS part and its signature as r ‖ s (BIT STRING of SEQUENCE { r, s }). */
function signedParts(cert: Uint8Array): { tbs: Uint8Array; signature: Uint8Array } {
  const [, outer] = derLength(cert, 1);
  const tbsStart = 1 + outer;
  const [tbsLength, tbsHead] = derLength(cert, tbsStart + 1);
  const tbsEnd = tbsStart + 1 + tbsHead + tbsLength;
  const [algLength, algHead] = derLength(cert, tbsEnd + 1);
  const bitString = tbsEnd + 1 + algHead + algLength;
  const [, bitHead] = derLength(cert, bitString + 1);
  let at = bitString + 1 + bitHead + 1; // the unused-bits byte
  const [, seqHead] = derLength(cert, at + 1);
  at += 1 + seqHead;
  const integers: Uint8Array[] = [];
  for (let i = 0; i < 2; i++) {
    const [length, head] = derLength(cert, at + 1);
    const value = cert.subarray(at + 1 + head, at + 1 + head + length);
    integers.push(value.length > 32 ? value.subarray(value.length - 32) : value);
    at += 1 + head + length;
  }
  const signature = new Uint8Array(64);
  signature.set(integers[0]!, 32 - integers[0]!.length);
  signature.set(integers[1]!, 64 - integers[1]!.length);
  return { tbs: cert.subarray(tbsStart, tbsEnd), signature };
}

function fieldsOf(out: string): string[] {
  expect(out.endsWith('|')).toBe(true);
  return out.slice(0, -1).split('|');
}

describe.each(['ssc-3g-sm4', 'ssc-3g-des'] as const)('%s: iWriteCA, iReadCA', (profile) => {
  test('a fresh card: iReadCA answers three empty fields', async () => {
    const reader = await simReader(profile, null);
    expect(await iReadCA(reader, 1)).toEqual({ code: 0, out: '|||' });
  });

  test('iWriteCA answers the certificates the card then holds; the CA signed both, over the card keys', async () => {
    const reader = await simReader(profile, null);
    const ca = new TestCa('ssc-cos test CA', seededRandomForTests(7));
    const written = await iWriteCA(reader, 1, '123456', '12345678', 'ZHANG SAN', { ca });
    expect(written.code).toBe(0);
    expect(await iReadCA(reader, 1)).toEqual(written);
    const [signing, encryption, publicKey] = fieldsOf(written.out);
    expect(publicKey).toMatch(/^04[0-9A-F]{128}$/);
    const signingX509 = new X509Certificate(Buffer.from(fromHex(signing!)));
    expect(signingX509.subject).toBe('CN=ZHANG SAN (sign)');
    expect(signingX509.issuer).toBe('CN=ssc-cos test CA');
    expect(signingX509.publicKey.export({ type: 'spki', format: 'der' }).subarray(-65)).toEqual(
      Buffer.from(fromHex(publicKey!)),
    );
    const encryptionX509 = new X509Certificate(Buffer.from(fromHex(encryption!)));
    expect(encryptionX509.subject).toBe('CN=ZHANG SAN (encrypt)');
    // node:crypto cannot give SM2 its default ID, so the CA's signature is checked here with the
    // codec's SM2 (vector-tested): under the CA's key, not under another's
    for (const der of [signing!, encryption!]) {
      const { tbs, signature } = signedParts(fromHex(der));
      expect(sm2Verify(ca.keyPair.publicKey, tbs, signature)).toBe(true);
      expect(
        sm2Verify(new TestCa('other CA', seededRandomForTests(8)).keyPair.publicKey, tbs, signature),
      ).toBe(false);
    }
  });

  test('a wrong PIN is −51 and writes nothing; a wrong admin PIN is −51 naming it; a PIN not digits −14', async () => {
    const reader = await simReader(profile, null);
    expect(await iWriteCA(reader, 1, '654321', '12345678', 'ZHANG SAN')).toEqual({
      code: -51,
      out: 'wrong PIN, 4 tries left',
    });
    expect(await iReadCA(reader, 1)).toEqual({ code: 0, out: '|||' });
    expect(await iWriteCA(reader, 1, '123456', '87654321', 'ZHANG SAN')).toEqual({
      code: -51,
      out: 'wrong admin PIN, 4 tries left',
    });
    expect((await iWriteCA(reader, 1, '12ab56', '12345678', 'ZHANG SAN')).code).toBe(-14);
    expect((await iWriteCA(reader, 1, '123456', '12345678', ' ')).code).toBe(-14);
  });
});

test('ssc-2g-des has no PKI application: iWriteCA and iReadCA are −1 and say so', async () => {
  const reader = await simReader('ssc-2g-des', null);
  for (const a of [await iWriteCA(reader, 1, '123456', '12345678', 'ZHANG SAN'), await iReadCA(reader, 1)]) {
    expect(a.code).toBe(-1);
    expect(a.out).toMatch(/^no PKI application on this card \(card SELECT PKI DDF: answered 6A82\)$/);
  }
});
