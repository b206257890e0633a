/**
 * `cos-sim serve` as the user runs it, with real processes (issue 13, item 5): one process the
 * user can stop — SIGTERM to the printed pid, Ctrl-C (SIGINT to the foreground process group),
 * or killing the command they started (`pnpm cos-sim serve …`, even with SIGKILL); a warning when
 * the vpcd port is already served; control commands on stdin that outlive their writer.
 *
 * The vpcd side is a listener of this test that behaves as vpcd does towards its clients: it
 * talks to one card at a time (presence polls, get-ATR every 100 ms) and leaves any other
 * connection waiting until that card leaves.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

// Every case starts node + tsx (and some pnpm first): seconds each on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const workspace = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cos-sim-serve-process-'));

/** vpcd's side: one card at a time is polled; other connections wait in line, as vpcd leaves them. */
class OneAtATimeVpcd {
  private readonly server: Server;
  private readonly queue: Socket[] = [];
  private active: Socket | null = null;
  private timer: NodeJS.Timeout | null = null;
  port = 0;

  constructor() {
    this.server = createServer((socket) => {
      socket.on('error', () => {});
      socket.on('data', () => {}); // the card's answers (ATRs) are not looked at
      socket.on('close', () => {
        const i = this.queue.indexOf(socket);
        if (i >= 0) this.queue.splice(i, 1);
        if (this.active === socket) this.take(this.queue.shift() ?? null);
      });
      if (this.active === null) this.take(socket);
      else this.queue.push(socket);
    });
  }

  private take(socket: Socket | null): void {
    if (this.timer) clearInterval(this.timer);
    this.active = socket;
    if (socket === null) return;
    const poll = () => socket.write(Buffer.from([0x00, 0x01, 0x04])); // get ATR
    poll();
    this.timer = setInterval(poll, 100);
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    for (const s of [this.active, ...this.queue]) s?.destroy();
    this.server.close();
  }
}

/** A started command and what it printed; `pid` is the pid the server printed. */
interface Started {
  child: ChildProcess;
  output: () => string;
  pid: number;
}

const started: ChildProcess[] = [];
const serverPids: number[] = [];
let vpcd: OneAtATimeVpcd;

beforeAll(async () => {
  vpcd = new OneAtATimeVpcd();
  await vpcd.listen();
});
afterEach(() => {
  // Whatever a failed case left running: the process groups it started, then the servers.
  for (const child of started.splice(0)) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }
  for (const pid of serverPids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
});
afterAll(() => {
  vpcd.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Alive and not a zombie (an orphan's zombie may linger where nothing reaps it). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean, output: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts a command in its own process group (as a shell job is), waits until the server prints
 * its pid and, unless told otherwise, until its card is inserted.
 */
async function start(
  command: string,
  args: string[],
  options: { inserted?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<Started> {
  const child = spawn(command, args, {
    cwd: workspace,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  started.push(child);
  let text = '';
  child.stdout?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    text += c.toString();
  });
  const output = () => text;
  await until('the server to print its pid', () => /pid (\d+) serving/.test(text), output);
  const pid = Number(/pid (\d+) serving/.exec(text)![1]);
  serverPids.push(pid);
  if (options.inserted !== false)
    await until('the card to be inserted', () => text.includes('card inserted'), output);
  return { child, output, pid };
}

const serveArgs = () => ['serve', '--profile', 'ssc-2g-des', '--port', String(vpcd.port)];
const viaNode = (): [string, string[]] => [
  process.execPath,
  ['--conditions=@ssc-cos/source', '--import', 'tsx', cli, ...serveArgs()],
];

describe('cos-sim serve stops as the user stops it', () => {
  test('SIGTERM to the printed pid: the card leaves the reader and the process exits 0', async () => {
    const s = await start(...viaNode());
    const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
    process.kill(s.pid, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(s.output()).toMatch(/closed/);
  });

  test('Ctrl-C on `pnpm cos-sim serve` (SIGINT to the foreground process group): nothing is left', async () => {
    const s = await start('pnpm', ['cos-sim', ...serveArgs()]);
    process.kill(-s.child.pid!, 'SIGINT');
    await until('the server to exit', () => !alive(s.pid), s.output, 20_000);
    await until('pnpm to exit', () => !alive(s.child.pid!), s.output, 20_000);
  });

  test('kill <pnpm pid> of `pnpm cos-sim serve`: the server stops too', async () => {
    const s = await start('pnpm', ['cos-sim', ...serveArgs()]);
    expect(s.pid).not.toBe(s.child.pid);
    process.kill(s.child.pid!, 'SIGTERM');
    await until('the server to exit', () => !alive(s.pid), s.output, 20_000);
  });

  test('kill -9 <pnpm pid>: the server notices its parent is gone and stops cleanly', async () => {
    const s = await start('pnpm', ['cos-sim', ...serveArgs()]);
    process.kill(s.child.pid!, 'SIGKILL');
    // The pipes outlive pnpm (the server holds their write ends), so its last words are read.
    await until('the server to exit', () => !alive(s.pid), s.output, 20_000);
    await until('its closing line', () => s.output().includes('closed'), s.output, 5_000);
    expect(s.output()).toMatch(/parent process \d+ is gone: stopping/);
  });

  test('without a package runner the server outlives its parent (nohup … & stays up)', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/.test(k)));
    // sh starts the server in the background and exits at once: the server is orphaned.
    const [node, args] = viaNode();
    const s = await start('sh', ['-c', '"$0" "$@" &', node, ...args], { env });
    await new Promise((r) => setTimeout(r, 1500));
    expect(alive(s.pid)).toBe(true);
    process.kill(s.pid, 'SIGTERM');
    await until('the server to exit', () => !alive(s.pid), s.output, 20_000);
  });
});

describe('cos-sim serve on a vpcd port that is already served', () => {
  test('the second server warns, and its card goes in when the first leaves', async () => {
    const first = await start(...viaNode());
    const second = await start(...viaNode(), { inserted: false });
    await until('the warning', () => /already served/.test(second.output()), second.output, 20_000);
    expect(second.output()).not.toContain('card inserted');
    expect(first.output()).not.toMatch(/already served/);
    process.kill(first.pid, 'SIGTERM');
    await until(
      'the second card to go in',
      () => second.output().includes('card inserted'),
      second.output,
      20_000,
    );
    process.kill(second.pid, 'SIGTERM');
    await until('the second server to exit', () => !alive(second.pid), second.output, 20_000);
  });
});

describe('stdin commands outlive the stdin writer', () => {
  /** Writes one line as `echo LINE > PATH` does: open, write, close (never blocking on a reader). */
  function echoTo(path: string, line: string): void {
    const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    writeSync(fd, `${line}\n`);
    closeSync(fd);
  }

  test('a FIFO: `cos-sim serve < /tmp/ctl`, then one `echo … > /tmp/ctl` after another', async () => {
    const fifo = join(dir, 'ctl');
    const mk = spawn('mkfifo', [fifo]);
    await new Promise((r) => mk.once('exit', r));
    expect(existsSync(fifo)).toBe(true);
    const [node, args] = viaNode();
    // The shell opens the FIFO for the server as `< /tmp/ctl` does: it blocks until a writer comes.
    const shell = spawn('sh', ['-c', 'exec "$0" "$@" < "$FIFO"', node, ...args], {
      cwd: workspace,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FIFO: fifo },
    });
    started.push(shell);
    let text = '';
    shell.stdout.on('data', (c: Buffer) => (text += c.toString()));
    shell.stderr.on('data', (c: Buffer) => (text += c.toString()));
    const output = () => text;
    await until(
      'the shell to open the FIFO',
      () => {
        try {
          echoTo(fifo, 'status');
          return true;
        } catch {
          return false;
        }
      },
      output,
    );
    await until('the first answer', () => /: inserted/.test(text), output);
    // That writer has closed. Each later one is read too.
    echoTo(fifo, `remove ${vpcd.port}`);
    await until('the second answer', () => /: removed/.test(text), output);
    echoTo(fifo, `insert ${vpcd.port}`);
    await until('the third answer', () => text.split(': inserted').length >= 3, output);
    echoTo(fifo, 'quit');
    await until('the server to quit', () => shell.exitCode !== null, output);
    expect(shell.exitCode).toBe(0);
  });

  test('a pipe whose writer closed (`printf … | cos-sim serve`): later commands through /proc/PID/fd/0', async () => {
    const [node, args] = viaNode();
    const s = await start('sh', ['-c', 'printf "status\\n" | "$0" "$@"', node, ...args]);
    await until('the first answer', () => /: inserted/.test(s.output()), s.output);
    echoTo(`/proc/${s.pid}/fd/0`, `remove ${vpcd.port}`);
    await until('the answer after the writer closed', () => /: removed/.test(s.output()), s.output);
    expect(s.output()).not.toContain('stdin closed');
    process.kill(s.pid, 'SIGTERM');
    await until('the server to exit', () => !alive(s.pid), s.output, 20_000);
  });
});
