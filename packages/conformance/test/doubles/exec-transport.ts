/**
 * A card behind `cos-sim exec` (a child process: one hex APDU a line in, one response line
 * out, docs/cli.md) as a Transport, so the terminal library drives the CLI exactly as an
 * integrator's program would. Not a double of the card: the real exec loop answers.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fromHex, type Transport, toHex } from '@ssc-cos/apdu-codec';
import { workspaceRoot } from '../../src/pcsc/index.js';

export class ExecTransport implements Transport {
  private readonly lines: Interface;
  private readonly waiting: Array<(line: string) => void> = [];
  private last: Uint8Array = new Uint8Array(0);

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    this.lines = createInterface({ input: child.stdout });
    this.lines.on('line', (line) => this.waiting.shift()?.(line));
  }

  /** `cos-sim exec --profile P [--seed N]` on the workspace source. */
  static async start(profile: string, seed?: number): Promise<ExecTransport> {
    const root = workspaceRoot();
    const cli = `${root}/packages/cos-sim/src/cli.ts`;
    const args = ['--conditions=@ssc-cos/source', '--import', 'tsx', cli, 'exec', '--profile', profile];
    if (seed !== undefined) args.push('--seed', String(seed));
    const t = new ExecTransport(spawn(process.execPath, args, { cwd: root }));
    t.last = await t.reset();
    return t;
  }

  private line(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      this.child.once('exit', (code) => reject(new Error(`cos-sim exec exited (${code})`)));
      this.child.stdin.write(`${text}\n`);
    });
  }

  /** A line of the script (e.g. `cut-power-after 2`), which prints nothing. */
  script(text: string): void {
    this.child.stdin.write(`${text}\n`);
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    return fromHex(await this.line(toHex(command)));
  }

  async reset(): Promise<Uint8Array> {
    this.last = fromHex(await this.line('reset'));
    return this.last;
  }

  async atr(): Promise<Uint8Array> {
    return this.last;
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await new Promise((resolve) => this.child.once('exit', resolve));
  }
}
