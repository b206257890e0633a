/**
 * OpenSSL as the independent judge of card signatures (issue 12 done-when): `openssl pkeyutl
 * -verify` with SM3 and the default ID 1234567812345678 under the public key read from the card.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SM2_DEFAULT_ID, sm2PublicKeyDer } from '@ssc-cos/apdu-codec/crypto';
import { sm2SignatureDer } from '@ssc-cos/terminal/internal';

export function opensslVerifies(publicKey: Uint8Array, message: Uint8Array, rs: Uint8Array): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'ssc-openssl-'));
  try {
    writeFileSync(join(dir, 'pub.der'), sm2PublicKeyDer(publicKey));
    writeFileSync(join(dir, 'msg'), message);
    writeFileSync(join(dir, 'sig'), sm2SignatureDer(rs));
    // biome-ignore format: one option per line reads as the command
    const args = ['pkeyutl', '-verify', '-pubin', '-keyform', 'DER', '-inkey', 'pub.der', '-rawin', '-in', 'msg',
      '-sigfile', 'sig', '-digest', 'sm3', '-pkeyopt', `distid:${SM2_DEFAULT_ID}`];
    try {
      execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
