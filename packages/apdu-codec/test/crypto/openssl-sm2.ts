/**
 * OpenSSL as the independent SM2 implementation the tests check sm-crypto-v2 against:
 * node:crypto in process (OpenSSL 3.0 there uses an EMPTY distinguishing ID and node offers
 * no way to set one), and the `openssl` command line for the default ID (`distid`).
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sm2PublicKeyDer, sm2PublicKeyOf } from '../../src/crypto/index.js';
import { concatBytes, fromHex } from '../../src/hex.js';

export function nodePublicKey(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(sm2PublicKeyDer(publicKey)), format: 'der', type: 'spki' });
}

/** PKCS#8 of an SM2 private key (RFC 5915 ECPrivateKey with the curve OID and the public key). */
export function nodePrivateKey(privateKey: Uint8Array): KeyObject {
  const der = concatBytes(
    fromHex('308187020100301306072A8648CE3D020106082A811CCF5501822D046D306B0201010420'),
    privateKey,
    fromHex('A14403420004'),
    sm2PublicKeyOf(privateKey),
  );
  return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
}

function derLength(n: number): Uint8Array {
  return n < 0x80 ? Uint8Array.of(n) : Uint8Array.of(0x81, n);
}

function derInteger(unsigned: Uint8Array): Uint8Array {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  let v = unsigned.subarray(i);
  if (v[0]! & 0x80) v = concatBytes(Uint8Array.of(0), v);
  return concatBytes(Uint8Array.of(0x02), derLength(v.length), v);
}

function derOctets(v: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(0x04), derLength(v.length), v);
}

function derSequence(...parts: Uint8Array[]): Uint8Array {
  const body = concatBytes(...parts);
  return concatBytes(Uint8Array.of(0x30), derLength(body.length), body);
}

/** Raw r ‖ s → DER SEQUENCE { r, s }. */
export function derSignature(rs: Uint8Array): Uint8Array {
  return derSequence(derInteger(rs.subarray(0, 32)), derInteger(rs.subarray(32)));
}

/** C1 ‖ C3 ‖ C2 → the GM/T 0009 ASN.1 form OpenSSL reads. */
export function derCiphertext(c1c3c2: Uint8Array): Uint8Array {
  return derSequence(
    derInteger(c1c3c2.subarray(0, 32)),
    derInteger(c1c3c2.subarray(32, 64)),
    derOctets(c1c3c2.subarray(64, 96)),
    derOctets(c1c3c2.subarray(96)),
  );
}

function inTempDir<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'sm2-openssl-'));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `openssl pkeyutl -verify` with SM3 and the given ID; true on "Signature Verified Successfully". */
export function opensslVerify(
  publicKey: Uint8Array,
  message: Uint8Array,
  rs: Uint8Array,
  id: string,
): boolean {
  return inTempDir((dir) => {
    writeFileSync(join(dir, 'pub.pem'), nodePublicKey(publicKey).export({ type: 'spki', format: 'pem' }));
    writeFileSync(join(dir, 'msg'), message);
    writeFileSync(join(dir, 'sig'), derSignature(rs));
    try {
      execFileSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          'pub.pem',
          '-rawin',
          '-in',
          'msg',
          '-sigfile',
          'sig',
          '-digest',
          'sm3',
          '-pkeyopt',
          `distid:${id}`,
        ],
        { cwd: dir, stdio: 'pipe' },
      );
      return true;
    } catch {
      return false;
    }
  });
}

/** `openssl pkeyutl -decrypt` of C1 ‖ C3 ‖ C2 with d. */
export function opensslDecrypt(privateKey: Uint8Array, c1c3c2: Uint8Array): Uint8Array {
  return inTempDir((dir) => {
    writeFileSync(join(dir, 'key.pem'), nodePrivateKey(privateKey).export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'ct'), derCiphertext(c1c3c2));
    return new Uint8Array(
      execFileSync('openssl', ['pkeyutl', '-decrypt', '-inkey', 'key.pem', '-in', 'ct'], {
        cwd: dir,
        stdio: 'pipe',
      }),
    );
  });
}

/** DER SEQUENCE { r, s } → raw r ‖ s (node:crypto ignores `dsaEncoding` for SM2 keys). */
export function rawSignature(der: Uint8Array): Uint8Array {
  const out = new Uint8Array(64);
  let at = 2; // SEQUENCE tag and a one-byte length (an SM2 signature is under 128 bytes)
  for (const half of [0, 32]) {
    const length = der[at + 1]!;
    const value = der.subarray(at + 2, at + 2 + length);
    const trimmed = value.subarray(Math.max(0, value.length - 32));
    out.set(trimmed, half + 32 - trimmed.length);
    at += 2 + length;
  }
  return out;
}
