/**
 * 10-terminal-api through `pnpm terminal`: the CLI prints what the SDK answers (exit 0 / 1),
 * bad arguments are one line and exit 2, and `serve-http` answers over a real socket exactly
 * what the CLI prints with --json.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, describe, expect, test } from 'vitest';
import { type CliResult, runCli, startCli } from './helpers/cli-process.js';

const SIM = ['--target', 'sim', '--profile', 'ssc-2g-des', '--psam', 'psam-hospital'];
const CARD_INFO = '110100D1560000052611220000010000|A00000001|';
const FIELDS =
  '110100|11010119900307001X|A00000001|110100D1560000052611220000010000|张三|00905431168660261122000001|2.00|20261122|20361121|110100000001|SSCCOS000001|';

function run(args: string[]): Promise<CliResult> {
  return runCli('terminal', args);
}

function post(url: string, path: string, body: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});

// Each test starts CLI processes (up to six): a ceiling for a loaded shared machine, not a timing check.
describe('terminal CLI', { timeout: 240_000 }, () => {
  test('iReadCardBas on ssc-2g-des with psam-hospital prints the 11 fields', async () => {
    expect(await run(['iReadCardBas', ...SIM])).toEqual({ code: 0, stdout: `${FIELDS}\n`, stderr: '' });
  });

  test('iReadCard --json: SSSE items and the DF04 item; the hospital PSAM gets −2203 for DF03 (exit 1)', async () => {
    const ok = await run(['iReadCard', '1', CARD_INFO, 'SSSEEF06|08|09|0A|$DF04EF05|81|$', ...SIM, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({
      function: 'iReadCard',
      code: 0,
      out: '11010119900307001X|张三|1|$01|$',
    });
    const denied = await run(['iReadCard', '1', CARD_INFO, 'DF03EF05|61|$', ...SIM]);
    expect(denied.code).toBe(1);
    expect(denied.stdout).toBe('');
    expect(denied.stderr).toMatch(/^terminal: iReadCard: -2203 the PSAM holds no key for this .*\n$/);
  });

  test("items of files the profile adds decode by the profile's own catalogue", async () => {
    const r = await run([
      'iReadCard',
      '1',
      CARD_INFO,
      'DF01EF09|2E|30|$',
      '--target',
      'sim',
      '--profile',
      'ssc-3g-sm4',
      '--psam',
      'psam-window',
    ]);
    expect(r).toEqual({ code: 0, stdout: '北京市测试单位|12345678X|$\n', stderr: '' });
  });

  test('bad arguments: one line on stderr, exit 2', async () => {
    for (const args of [
      ['iReadCardBas', ...SIM, '--itype', '7'],
      ['iReadCardBas', '--target', 'sim', '--profile', 'no-such-profile'],
      ['iReadCardBas', ...SIM, '--reader', 'x'],
      ['iReadCard', '1', CARD_INFO, ...SIM],
      ['iNoSuchFunction', ...SIM],
      ['serve-http', ...SIM, '--port', '70000'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n').filter((l) => l !== '').length, args.join(' ')).toBe(1);
    }
  });

  test('serve-http answers what the CLI prints (real socket), and stops on SIGTERM', async () => {
    const child = startCli('terminal', ['serve-http', '--port', '0', ...SIM]);
    children.push(child);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve-http exited ${code}`)));
    });
    const cliBasic = JSON.parse((await run(['iReadCardBas', ...SIM, '--json'])).stdout);
    expect(await post(url, '/iReadCardBas', { iType: 1 })).toEqual(cliBasic);
    const addr = 'SSSEEF06|08|09|0A|$DF04EF05|81|$';
    const cliRead = JSON.parse((await run(['iReadCard', '1', CARD_INFO, addr, ...SIM, '--json'])).stdout);
    expect(
      await post(url, '/iReadCard', { iType: 1, iAuthType: 1, pCardInfo: CARD_INFO, pFileAddr: addr }),
    ).toEqual(cliRead);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

/** openssl reads the first certificate of a text and prints its subject and public key (SPKI DER). */
function openssl(pem: string): { subject: string; publicKey: Buffer } {
  const subject = execFileSync('openssl', ['x509', '-noout', '-subject'], { input: pem }).toString().trim();
  const spkiPem = execFileSync('openssl', ['x509', '-noout', '-pubkey'], { input: pem });
  const publicKey = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: spkiPem });
  return { subject, publicKey };
}

describe('terminal CLI: iWriteCA and iReadCA (issue 12)', { timeout: 240_000 }, () => {
  const ARGS = ['iWriteCA', '123456', '12345678', 'ZHANG SAN', '--target', 'sim'];

  test('ssc-3g-sm4: PEM certificates and the signing public key; openssl reads the certificate over that key', async () => {
    const r = await run([...ARGS, '--profile', 'ssc-3g-sm4']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const key = /^signing public key: (04[0-9A-F]{128})$/m.exec(r.stdout)?.[1];
    expect(key).toBeDefined();
    expect(r.stdout).toMatch(/^signing certificate \(EF 0018\):\n-----BEGIN CERTIFICATE-----\n/);
    const cert = openssl(r.stdout);
    expect(cert.subject).toBe('subject=CN = ZHANG SAN (sign)');
    expect(cert.publicKey.subarray(-65).toString('hex').toUpperCase()).toBe(key);
    const encryption = r.stdout.slice(r.stdout.indexOf('encryption certificate'));
    expect(openssl(encryption).subject).toBe('subject=CN = ZHANG SAN (encrypt)');
  });

  test('ssc-3g-des --json: the answer, the certificates as PEM, the key; X509Certificate reads them', async () => {
    const r = await run([...ARGS, '--profile', 'ssc-3g-des', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual([
      'function',
      'code',
      'out',
      'signingCertificate',
      'encryptionCertificate',
      'signingPublicKey',
    ]);
    expect(j).toMatchObject({ function: 'iWriteCA', code: 0 });
    const [signing, encryption, key] = (j.out as string).split('|');
    const x509 = new X509Certificate(j.signingCertificate);
    expect(x509.raw.toString('hex').toUpperCase()).toBe(signing);
    expect(x509.issuer).toBe('CN=ssc-cos test CA');
    expect(
      x509.publicKey.export({ type: 'spki', format: 'der' }).subarray(-65).toString('hex').toUpperCase(),
    ).toBe(key);
    expect(new X509Certificate(j.encryptionCertificate).raw.toString('hex').toUpperCase()).toBe(encryption);
    expect(j.signingPublicKey).toBe(key);
  });

  test('iReadCA --der on a fresh card: three empty fields; ssc-2g-des: one line, exit 1', async () => {
    expect(await run(['iReadCA', '--target', 'sim', '--profile', 'ssc-3g-sm4', '--der'])).toEqual({
      code: 0,
      stdout: '|||\n',
      stderr: '',
    });
    const r = await run([...ARGS, '--profile', 'ssc-2g-des']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'terminal: iWriteCA: -1 no PKI application on this card (card SELECT PKI DDF: answered 6A82)\n',
    });
  });

  test('--target pcsc without --irreversible: refused in one line before any reader is opened (exit 2)', async () => {
    const r = await run([
      'iWriteCA',
      '123456',
      '12345678',
      'ZHANG SAN',
      '--target',
      'pcsc',
      '--profile',
      'ssc-3g-sm4',
    ]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "terminal: iWriteCA replaces the card's key pairs and certificates for good; on --target pcsc add --irreversible\n",
    });
  });
});
