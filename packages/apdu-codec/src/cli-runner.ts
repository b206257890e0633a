/**
 * The one argument layer of every command-line tool of the workspace (`apdu`, `cos-sim`,
 * `conformance`, …), so they all behave alike (docs/cli.md): `-h` is `--help`, `--version`
 * prints the package version, and anything wrong with the arguments is one line on stderr,
 * `<tool>: <what is wrong>`, with exit code 2. yargs alone lets a repeated flag become an array
 * (`--profile A --profile B`), drops a number flag without its value (`--seed`), turns
 * `--trace=maybe` into false and a bad number into null, and prints choices over several lines;
 * checkArguments looks at the raw words before yargs does, so none of that gets through.
 * yargs itself is loaded only when a command's words need it (cli-direct-args.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv, CommandModule, MiddlewareFunction } from 'yargs';
import { checkArguments, type DeclaredOptions } from './cli-checks.js';
import { directArguments } from './cli-direct-args.js';

/** Bad arguments or bad input: the CLI prints the message as its one line and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The version in the package.json nearest above `moduleUrl` (works from src/ and dist/). */
export function packageVersion(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

export interface CliDefinition {
  /** The tool's name: the prefix of its error line and its name in --help. */
  name: string;
  /** import.meta.url of the tool's entry module (finds its package.json for --version). */
  moduleUrl: string;
  // biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types.
  commands: CommandModule<any, any>[];
  /** Options every command takes (e.g. apdu's --json). */
  globalOptions?: (y: Argv) => Argv;
}

/**
 * The middleware running checkArguments before yargs' own validation. yargs passes the parser
 * of the chosen command as second argument (its options are the command's); @types/yargs only
 * declares the first, hence the cast.
 */
function checkBeforeYargs(args: readonly string[]): MiddlewareFunction {
  const check = (_argv: unknown, parser: { getOptions(): DeclaredOptions }) => {
    const problem = checkArguments(args, parser.getOptions());
    if (problem !== null) throw new UsageError(problem);
  };
  return check as unknown as MiddlewareFunction;
}

/** Ends the process with the tool's one line: `<name>: <first line of message>`, exit 2. */
export function failAndExit(name: string, message: string): never {
  process.stderr.write(`${name}: ${message.split('\n')[0]}\n`);
  process.exit(2);
}

/** Runs a tool on `args` (default: process.argv after the script); never returns on bad input. */
export async function runCli(definition: CliDefinition, args = process.argv.slice(2)): Promise<void> {
  const { name } = definition;
  const names = definition.commands.map((c) => String(c.command).split(' ')[0]!);
  const commandNames = names.join(', ');
  // A mistyped command: yargs' strict mode would list it among "Unknown arguments" together with
  // every flag after it (which belong to no command then), a line that names the wrong culprit.
  const first = args[0];
  if (first !== undefined && !first.startsWith('-') && !names.includes(first)) {
    failAndExit(name, `unknown command "${first}" (commands: ${commandNames})`);
  }
  // The plain case (one command, its flags well-formed) needs no yargs: see cli-direct-args.ts.
  const command = definition.commands.find((c) => String(c.command).split(' ')[0] === first);
  const direct =
    command === undefined || definition.globalOptions !== undefined
      ? null
      : directArguments(name, command, args);
  if (command !== undefined && direct !== null) {
    try {
      await command.handler(direct);
    } catch (e) {
      failAndExit(name, e instanceof Error ? e.message : String(e));
    }
    return;
  }
  try {
    const { default: yargs } = await import('yargs');
    let y = yargs(args).scriptName(name);
    if (definition.globalOptions) y = definition.globalOptions(y);
    for (const command of definition.commands) y = y.command(command);
    await y
      .middleware(checkBeforeYargs(args), true)
      .demandCommand(1, `name a command: ${commandNames}`)
      .strict()
      .exitProcess(false)
      .fail((message, error) => failAndExit(name, error ? error.message : message))
      .help()
      .alias('h', 'help')
      .version(packageVersion(definition.moduleUrl))
      .parseAsync();
  } catch (e) {
    failAndExit(name, e instanceof Error ? e.message : String(e));
  }
}
