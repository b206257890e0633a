/**
 * A pcscd for tests and benches. Reuses the one already running (its socket answers, or the
 * vpcd ports are already listening) and then never stops it; otherwise starts
 * `pcscd --foreground` as a child, keeps its pid, waits until both vpcd readers are listed,
 * and stops it by that pid only.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { hexWord } from '@ssc-cos/apdu-codec';
import { listPcscReaders } from './pcsc-transport.js';

/** vpcd's two reader slots (07-vpcd.md). */
export const VPCD_PORTS = [35963, 35964] as const;
export const VPCD_READERS = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;
export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';

export interface PcscdOptions {
  /** Start with --apdu, so pcscd logs every APDU (only when we start it). */
  apduLog?: boolean;
  /** How long to wait for the readers (default 10 s). */
  timeoutMs?: number;
  /** pcscd binary (default "pcscd", found on PATH, /usr/sbin included). */
  binary?: string;
}

export interface Pcscd {
  /** pid of the pcscd we started, or null when we reuse one. */
  readonly pid: number | null;
  /** True if we started it (and so will stop it). */
  readonly owned: boolean;
  /** Reader names listed once it was ready. */
  readonly readers: string[];
  /** Everything our pcscd printed (empty when reused): with --apdu, the APDU log. */
  output(): string;
  /** Stops our pcscd (SIGTERM, then SIGKILL after 3 s); a reused one is left alone. */
  stop(): Promise<void>;
}

export async function startPcscd(options: PcscdOptions = {}): Promise<Pcscd> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if ((await socketAnswers(PCSCD_SOCKET)) || VPCD_PORTS.some((p) => isListening(p))) {
    const readers = await waitForReaders(timeoutMs, null);
    return { pid: null, owned: false, readers, output: () => '', stop: async () => {} };
  }
  const args = ['--foreground', ...(options.apduLog ? ['--apdu'] : [])];
  const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` };
  const child = spawn(options.binary ?? 'pcscd', args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let log = '';
  const keep = (chunk: Buffer) => {
    log += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) => reject(new Error(`cannot start pcscd: ${e.message}`))),
  );
  try {
    const readers = await Promise.race([waitForReaders(timeoutMs, child), spawnError]);
    return {
      pid: child.pid ?? null,
      owned: true,
      readers,
      output: () => log,
      stop: () => stopChild(child, exited),
    };
  } catch (e) {
    await stopChild(child, exited);
    throw new Error(`${(e as Error).message}\npcscd said:\n${log}`);
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Polls until both vpcd ports listen and both readers are listed. */
async function waitForReaders(timeoutMs: number, child: ChildProcess | null): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last = 'nothing yet';
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`pcscd exited with code ${child.exitCode}`);
    if (VPCD_PORTS.every((p) => isListening(p))) {
      try {
        const readers = await listPcscReaders();
        if (VPCD_READERS.every((name) => readers.includes(name))) return readers;
        last = `readers: ${readers.join(', ') || 'none'}`;
      } catch (e) {
        last = (e as Error).message;
      }
    } else {
      last = 'vpcd ports not listening';
    }
    if (Date.now() >= deadline) throw new Error(`pcscd not ready after ${timeoutMs} ms (${last})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether a unix socket accepts a connection (a stale file from a dead pcscd does not). */
function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Whether something listens on a local TCP port, read from /proc/net/tcp{,6}: connecting
 * to a vpcd port to find out would insert a card.
 */
export function isListening(port: number): boolean {
  const hexPort = hexWord(port);
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const cols = line.trim().split(/\s+/);
      // cols[1] = local "ADDR:PORT", cols[3] = state; 0A = LISTEN.
      if (cols[3] === '0A' && cols[1]?.endsWith(`:${hexPort}`)) return true;
    }
  }
  return false;
}
