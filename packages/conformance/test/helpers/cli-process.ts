/**
 * The workspace's four CLIs as child processes, started as `pnpm <tool>` starts them (the
 * root package.json: node, the source condition, tsx), for tests of what only a process shows:
 * exit codes, stdout and the one stderr line.
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The workspace root: the children run there, as `pnpm <tool>` does. */
export const WORKSPACE = fileURLToPath(new URL('../../../../', import.meta.url));

/** Each CLI's entry module, by the command a user types. */
export const CLI_ENTRIES = {
  apdu: fileURLToPath(new URL('../../../apdu-codec/src/cli.ts', import.meta.url)),
  'cos-sim': fileURLToPath(new URL('../../../cos-sim/src/cli.ts', import.meta.url)),
  conformance: fileURLToPath(new URL('../../src/cli.ts', import.meta.url)),
  terminal: fileURLToPath(new URL('../../src/terminal-cli.ts', import.meta.url)),
} as const;

export type Tool = keyof typeof CLI_ENTRIES;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function nodeArgs(tool: Tool, args: string[]): string[] {
  return ['--conditions=@ssc-cos/source', '--import', 'tsx', CLI_ENTRIES[tool], ...args];
}

/** Runs `tool args…` to its end, resolving with its exit code whatever it is. */
export function runCli(tool: Tool, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, nodeArgs(tool, args), { cwd: WORKSPACE }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The same, blocking, with `input` on stdin (a killed child counts as exit 1). */
export function runCliSync(tool: Tool, args: string[], input = ''): CliResult {
  const r = spawnSync(process.execPath, nodeArgs(tool, args), { cwd: WORKSPACE, encoding: 'utf8', input });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `tool args…` with piped stdio, for a server a test talks to and then stops. */
export function startCli(tool: Tool, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, nodeArgs(tool, args), { cwd: WORKSPACE });
}

/**
 * A command line as a user types it, as arguments: argv`run --junit ${file}` is
 * ['run', '--junit', file]. The text splits at white space; an interpolated value is never
 * split (a path with a space stays one argument).
 */
export function argv(text: TemplateStringsArray, ...values: string[]): string[] {
  const out: string[] = [];
  let word: string | null = null;
  text.forEach((part, i) => {
    for (const piece of part.split(/(\s+)/)) {
      if (/^\s+$/.test(piece)) {
        if (word !== null) out.push(word);
        word = null;
      } else if (piece !== '') word = (word ?? '') + piece;
    }
    if (i < values.length) word = (word ?? '') + values[i];
  });
  if (word !== null) out.push(word);
  return out;
}
