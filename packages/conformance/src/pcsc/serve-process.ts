/**
 * `cos-sim serve` as a child process, for tests and benches that need a card behind real
 * pcscd: started with node + tsx on the workspace source (no pnpm wrapper, so the pid we keep
 * is the server's own), ready once every slot reports "card inserted", stopped by that pid.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (the folder holding pnpm-workspace.yaml above this file). */
export function workspaceRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the workspace root (pnpm-workspace.yaml)');
    dir = up;
  }
  return dir;
}

export interface ServeProcessOptions {
  /** Arguments after `serve`, e.g. ['--profile', 'ssc-2g-des', '--port', '35963']. */
  args: string[];
  /** How many "card inserted" lines mean ready (one per slot; default 1). */
  slots?: number;
  /** How long to wait for readiness (default 20 s: the first tsx start compiles). */
  timeoutMs?: number;
}

export class ServeProcess {
  private log = '';
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.log += chunk.toString('utf8');
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      this.log += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(options: ServeProcessOptions): Promise<ServeProcess> {
    const root = workspaceRoot();
    const cli = join(root, 'packages', 'cos-sim', 'src', 'cli.ts');
    const child = spawn(
      process.execPath,
      ['--conditions=@ssc-cos/source', '--import', 'tsx', cli, 'serve', ...options.args],
      { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const server = new ServeProcess(child);
    const want = options.slots ?? 1;
    const deadline = Date.now() + (options.timeoutMs ?? 20_000);
    while (server.insertions() < want) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`cos-sim serve exited (${child.exitCode ?? child.signalCode}):\n${server.log}`);
      }
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`cos-sim serve not connected to vpcd in time:\n${server.log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return server;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Everything the server printed so far (stderr and stdout). */
  output(): string {
    return this.log;
  }

  /** How many times a card connected to vpcd so far. */
  insertions(): number {
    return this.log.split('card inserted').length - 1;
  }

  /** Sends one control line on stdin (`remove 35963`, `insert 35963`, …). */
  command(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }

  /** Sends a signal to the server (by its pid). */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Resolves with the exit code (null if killed by a signal). */
  waitForExit(): Promise<number | null> {
    return this.exited;
  }

  /** SIGTERM (a clean close that saves state), SIGKILL after 5 s. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
