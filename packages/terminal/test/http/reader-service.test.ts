/** The local reader service over a real socket: every answer equals the library call's; HTTP errors for malformed requests. */
import { request } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { iReadCard, iReadCardBas, type ReaderService, startReaderService } from '../../src/index.js';
import { simReader } from '../sim-reader.js';

const CARD_INFO = '110100D1560000052611220000010000|A00000001|';

function call(
  url: string,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; json: unknown; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      { method, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            json: text === '' ? null : JSON.parse(text),
            headers: res.headers,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let service: ReaderService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

describe('reader service (node:http, loopback)', () => {
  test('iWriteCA is refused (403, nothing sent to the card) unless the service was started irreversible; then iReadCA reads what it wrote', async () => {
    const body = JSON.stringify({
      iType: 1,
      pUserPin: '123456',
      pAdminPin: '12345678',
      pSubject: 'ZHANG SAN',
    });
    service = await startReaderService({ reader: await simReader('ssc-3g-sm4', null) });
    const refused = await call(service.url, 'POST', '/iWriteCA', body);
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({
      error: 'iWriteCA is irreversible on a real card; start the service with --irreversible',
    });
    expect((await call(service.url, 'POST', '/iReadCA', '{"iType":1}')).json).toEqual({
      function: 'iReadCA',
      code: 0,
      out: '|||',
    });
    await service.close();
    service = await startReaderService({ reader: await simReader('ssc-3g-sm4', null), irreversible: true });
    const written = await call(service.url, 'POST', '/iWriteCA', body);
    expect(written.status).toBe(200);
    expect(written.json).toMatchObject({ function: 'iWriteCA', code: 0 });
    expect((written.json as { out: string }).out).toMatch(/^30[0-9A-F]+\|30[0-9A-F]+\|04[0-9A-F]{128}\|$/);
    expect((await call(service.url, 'POST', '/iReadCA', '{"iType":1}')).json).toEqual({
      ...(written.json as object),
      function: 'iReadCA',
    });
  });

  test('POST /iReadCardBas and /iReadCard answer what the library answers', async () => {
    service = await startReaderService({ reader: await simReader('ssc-2g-des', 'psam-hospital') });
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const expected = await iReadCardBas(await simReader('ssc-2g-des', 'psam-hospital'), 1);
    const basic = await call(service.url, 'POST', '/iReadCardBas', JSON.stringify({ iType: 1 }));
    expect(basic).toMatchObject({ status: 200, json: { function: 'iReadCardBas', ...expected } });
    const addr = 'SSSEEF06|08|09|0A|$DF04EF05|81|$';
    const read = await call(
      service.url,
      'POST',
      '/iReadCard',
      JSON.stringify({ iType: '1', iAuthType: 1, pCardInfo: CARD_INFO, pFileAddr: addr }),
    );
    expect(read.json).toEqual({ function: 'iReadCard', code: 0, out: '11010119900307001X|张三|1|$01|$' });
    const denied = await call(
      service.url,
      'POST',
      '/iReadCard',
      JSON.stringify({ iType: 1, iAuthType: 1, pCardInfo: CARD_INFO, pFileAddr: 'DF03EF05|61|$' }),
    );
    expect(denied.json).toMatchObject({ code: -2203 });
    expect(
      await iReadCard(await simReader('ssc-2g-des', 'psam-hospital'), 1, 1, CARD_INFO, 'DF03EF05|61|$'),
    ).toMatchObject({ code: -2203 });
  });

  test('the reader session lasts across requests (a PIN try spent stays spent); concurrent calls are serialised', async () => {
    service = await startReaderService({ reader: await simReader('ssc-3g-sm4', 'psam-window') });
    const url = service.url;
    const wrong = await call(url, 'POST', '/iVerifyPIN', JSON.stringify({ iType: 1, pPin: '000000' }));
    expect(wrong.json).toMatchObject({ code: -51, out: 'wrong PIN, 4 tries left' });
    const both = await Promise.all([
      call(url, 'POST', '/iVerifyPIN', JSON.stringify({ iType: 1, pPin: '000000' })),
      call(url, 'POST', '/iReadCardBas', JSON.stringify({ iType: 1 })),
      call(url, 'POST', '/iVerifyPIN', JSON.stringify({ iType: 1, pPin: '000000' })),
    ]);
    expect(both.map((r) => (r.json as { code: number }).code)).toEqual([-51, 0, -51]);
    expect(
      (await call(url, 'POST', '/iVerifyPIN', JSON.stringify({ iType: 1, pPin: '000000' }))).json,
    ).toMatchObject({
      out: 'wrong PIN, 1 tries left',
    });
  });

  test('GET / lists the functions; unknown function 404, GET on a function 405, bad bodies 400, huge ones 413', async () => {
    service = await startReaderService({ reader: await simReader('ssc-2g-des', null) });
    const list = await call(service.url, 'GET', '/');
    expect(list.status).toBe(200);
    expect((list.json as { functions: { name: string }[] }).functions.map((f) => f.name)).toContain(
      'iReadCard_HSM_Step1',
    );
    expect((await call(service.url, 'POST', '/iNoSuch', '{}')).status).toBe(404);
    expect((await call(service.url, 'GET', '/iReadCardBas')).status).toBe(405);
    expect((await call(service.url, 'POST', '/iReadCardBas', 'not json')).status).toBe(400);
    expect((await call(service.url, 'POST', '/iReadCardBas', '[1]')).status).toBe(400);
    expect((await call(service.url, 'POST', '/iReadCardBas', '{}')).json).toEqual({
      error: 'iReadCardBas(iType): missing parameter iType',
    });
    expect((await call(service.url, 'POST', '/iReadCardBas', '{"iType":1,"x":2}')).status).toBe(400);
    expect((await call(service.url, 'POST', '/iReadCardBas', '{"iType":{"a":1}}')).status).toBe(400);
    expect(
      (await call(service.url, 'POST', '/iReadCardBas', JSON.stringify({ iType: 'x'.repeat(70_000) })))
        .status,
    ).toBe(413);
    expect((await call(service.url, 'POST', '/iReadCardBas', '{"iType":1}')).json).toMatchObject({
      code: -2201,
    });
  });

  test('CORS headers only when allowOrigin is set', async () => {
    service = await startReaderService({
      reader: await simReader('ssc-2g-des', null),
      allowOrigin: 'http://his.local',
    });
    const pre = await call(service.url, 'OPTIONS', '/iReadCardBas');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('http://his.local');
    await service.close();
    service = await startReaderService({ reader: await simReader('ssc-2g-des', null) });
    expect((await call(service.url, 'GET', '/')).headers['access-control-allow-origin']).toBeUndefined();
  });
});
