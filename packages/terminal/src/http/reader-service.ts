/**
 * The local reader service (docs/terminal.md): the SDK functions as JSON over HTTP, the way
 * browser-based HIS front ends reach a reader through a service on the same machine.
 * `POST /<function>` with a JSON object of the SDK parameters by name (`{"iType":1}`) answers
 * `{"function","code","out"}` — the same pair the CLI prints. `GET /` lists the functions.
 * Requests are served one at a time (one reader, one card: APDUs of two calls must not
 * interleave). Loopback by default; bodies are capped.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findSdkFunction, SDK_FUNCTIONS } from '../sdk/functions.js';
import type { Reader } from '../sdk/reader.js';
import type { SdkOptions } from '../sdk/sdk-function.js';

export interface ReaderServiceOptions {
  reader: Reader;
  sdk?: SdkOptions;
  /** Default 127.0.0.1: the service hands out cardholder data, so it is not on the network unless asked. */
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** `Access-Control-Allow-Origin` for browser front ends on another origin; unset: no CORS header. */
  allowOrigin?: string;
  /** Serve the functions marked irreversible (iWriteCA); unset: they answer 403, as a real card cannot undo them. */
  irreversible?: boolean;
}

export interface ReaderService {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

export async function startReaderService(options: ReaderServiceOptions): Promise<ReaderService> {
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  const server: Server = createServer((req, res) => {
    handle(req, res, options, serialised).catch((e) => send(res, 500, { error: String(e) }, options));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: ReaderServiceOptions,
  serialised: <T>(run: () => Promise<T>) => Promise<T>,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'OPTIONS') return send(res, 204, null, options);
  if (path === '/') {
    if (req.method !== 'GET') return send(res, 405, { error: 'GET / lists the functions' }, options);
    return send(
      res,
      200,
      { functions: SDK_FUNCTIONS.map((f) => ({ name: f.name, params: f.params })) },
      options,
    );
  }
  const fn = findSdkFunction(path.slice(1));
  if (fn === undefined) return send(res, 404, { error: `no function ${path.slice(1)}` }, options);
  if (req.method !== 'POST') return send(res, 405, { error: `POST /${fn.name} with a JSON body` }, options);
  if (fn.irreversible && options.irreversible !== true)
    return send(
      res,
      403,
      { error: `${fn.name} is irreversible on a real card; start the service with --irreversible` },
      options,
    );
  const body = await readBody(req);
  if (body === null) return send(res, 413, { error: `body over ${MAX_BODY} bytes` }, options);
  let args: Record<string, unknown>;
  try {
    const parsed: unknown = body.length === 0 ? {} : JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    args = parsed as Record<string, unknown>;
  } catch {
    return send(res, 400, { error: 'the body must be a JSON object of the parameters by name' }, options);
  }
  const unknown = Object.keys(args).filter((k) => !fn.params.includes(k));
  const missing = fn.params.filter((p) => args[p] === undefined);
  if (unknown.length > 0 || missing.length > 0) {
    const why = unknown.length > 0 ? `unknown parameter ${unknown[0]}` : `missing parameter ${missing[0]}`;
    return send(res, 400, { error: `${fn.name}(${fn.params.join(', ')}): ${why}` }, options);
  }
  const values = fn.params.map((p) => args[p]);
  if (values.some((v) => typeof v !== 'string' && typeof v !== 'number'))
    return send(res, 400, { error: 'parameters are strings or numbers' }, options);
  const answer = await serialised(() => fn.call(options.reader, values.map(String), options.sdk ?? {}));
  return send(res, 200, { function: fn.name, code: answer.code, out: answer.out }, options);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, options: ReaderServiceOptions): void {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (options.allowOrigin !== undefined) {
    headers['access-control-allow-origin'] = options.allowOrigin;
    headers['access-control-allow-methods'] = 'GET, POST, OPTIONS';
    headers['access-control-allow-headers'] = 'content-type';
  }
  res.writeHead(status, headers);
  res.end(body === null ? undefined : JSON.stringify(body));
}
