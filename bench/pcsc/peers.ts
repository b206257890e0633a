/**
 * The virtual cards compared behind the same pcscd + vpcd slot: `cos-sim serve` (with and
 * without TCP_QUICKACK), the echo floor card, and Debian's vicc (07-vpcd.md workaround).
 * Each is a child process we started and stop by its own pid.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcscReaderStates, ServeProcess } from '../../packages/conformance/src/pcsc/index.js';
import { SHARED_TOOLS } from './pcsc-bench-tool.js';

export interface Peer {
  stop(): Promise<void>;
}

/** Waits until pcscd sees (or no longer sees) a card in the reader. */
export async function waitForCard(reader: string, present: boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await pcscReaderStates()).find((r) => r.name === reader);
    if (state?.present === present) return;
    if (Date.now() > deadline) throw new Error(`${reader}: card ${present ? 'never arrived' : 'never left'}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function servePeer(port: number, quickAck: boolean): Promise<Peer> {
  const args = ['--profile', 'ssc-2g-des', '--port', String(port), '--stdin', 'off'];
  const server = await ServeProcess.start({ args: quickAck ? args : [...args, '--no-quickack'] });
  return { stop: async () => void (await server.stop()) };
}

function childPeer(child: ChildProcess): Peer {
  let output = '';
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        if (child.exitCode) throw new Error(`peer exited early: ${output}`);
        return;
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The echo floor: answers 9000 to everything, TCP_QUICKACK after each read and write. */
export function echoPeer(port: number): Peer {
  return childPeer(
    spawn('python3', [join(SHARED_TOOLS, 'echo_vicc.py'), String(port), 'quick'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
}

/**
 * Debian 12's vicc, started with the 07-vpcd.md workaround (module path one folder up, a
 * `Crypto` → `Cryptodome` shim in a temporary folder).
 */
export function viccPeer(port: number): Peer {
  const shim = mkdtempSync(join(tmpdir(), 'ssc-pyshim-'));
  symlinkSync('/usr/lib/python3/dist-packages/Cryptodome', join(shim, 'Crypto'));
  const env = { ...process.env, PYTHONPATH: `/usr/lib/python3/site-packages/virtualsmartcard:${shim}` };
  return childPeer(
    // Debian's Python, not the first python3 on PATH (pyenv's lacks the virtualsmartcard modules).
    spawn('/usr/bin/python3', ['/usr/bin/vicc', '-t', 'iso7816', '-P', String(port)], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
}
