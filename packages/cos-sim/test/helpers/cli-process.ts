/**
 * The cos-sim CLI as a child process (source through tsx), for tests of what only a real
 * process shows: exit codes, stderr lines, pipes, file-size limits (`ulimit -f`), kill -9.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
/** tsx by absolute URL, so a child started in another directory still finds it. */
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const NODE_ARGS = ['--conditions=@ssc-cos/source', '--import', tsx, cli];

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end. `fileSizeBlocks` runs it under `ulimit -f` (1 block = 1024 bytes). */
export function runCli(
  args: string[],
  input = '',
  options: { cwd?: string; fileSizeBlocks?: number } = {},
): CliRun {
  const common = { input, encoding: 'utf8' as const, ...(options.cwd ? { cwd: options.cwd } : {}) };
  const result =
    options.fileSizeBlocks === undefined
      ? spawnSync(process.execPath, [...NODE_ARGS, ...args], common)
      : spawnSync(
          'bash',
          [
            '-c',
            `ulimit -f ${options.fileSizeBlocks}; exec "$0" "$@"`,
            process.execPath,
            ...NODE_ARGS,
            ...args,
          ],
          common,
        );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI with piped stdio; `fileSizeBlocks` as for runCli. */
export function startCli(
  args: string[],
  options: { fileSizeBlocks?: number } = {},
): ChildProcessWithoutNullStreams {
  return options.fileSizeBlocks === undefined
    ? spawn(process.execPath, [...NODE_ARGS, ...args])
    : spawn('bash', [
        '-c',
        `ulimit -f ${options.fileSizeBlocks}; exec "$0" "$@"`,
        process.execPath,
        ...NODE_ARGS,
        ...args,
      ]);
}

/** Lines a child writes on stdout, awaited one at a time. */
export function lineReader(child: ChildProcessWithoutNullStreams): (timeoutMs?: number) => Promise<string> {
  const lines: string[] = [];
  let buffered = '';
  let waiting: (() => void) | null = null;
  child.stdout.on('data', (c) => {
    buffered += String(c);
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts);
    waiting?.();
  });
  child.once('exit', () => waiting?.());
  return async (timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (lines.length === 0) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error('no line from the child');
      await new Promise<void>((r) => {
        waiting = r;
        setTimeout(r, 100);
      });
    }
    return lines.shift()!;
  };
}

/** Resolves with the exit code once the child has ended. */
export function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.once('exit', (code) => r(code)));
}
