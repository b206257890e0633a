/**
 * The one argument layer of every command-line tool of the workspace (`apdu`, `cos-sim`,
 * `conformance`, …), so they all behave alike (docs/cli.md): `-h` is `--help`, `--version`
 * prints the package version, and anything wrong with the arguments is one line on stderr,
 * `<tool>: <what is wrong>`, with exit code 2. yargs alone lets a repeated flag become an array
 * (`--profile A --profile B`), drops a number flag without its value (`--seed`), turns
 * `--trace=maybe` into false and a bad number into null, and prints choices over several lines;
 * checkArguments looks at the raw words before yargs does, so none of that gets through.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs, { type Argv, type CommandModule, type MiddlewareFunction } from 'yargs';

/** Bad arguments or bad input: the CLI prints the message as its one line and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What checkArguments needs to know of the declared options (yargs' getOptions() shape). */
export interface DeclaredOptions {
  boolean: string[];
  number: string[];
  string: string[];
  array: string[];
  alias: Record<string, string[]>;
  choices: Record<string, unknown[]>;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The problem with the raw words `args` given the declared options, or null. Checked: a
 * singular option given more than once, a number or string option without a value, a number
 * that is not one, a switch given a value other than true/false, a value outside the choices.
 */
export function checkArguments(args: readonly string[], options: DeclaredOptions): string | null {
  const end = args.indexOf('--');
  const words = end === -1 ? [...args] : args.slice(0, end);
  const kinds = new Map<string, 'boolean' | 'number' | 'string'>();
  for (const kind of ['boolean', 'number', 'string'] as const) {
    for (const key of options[kind]) kinds.set(kebab(key), kind);
  }
  // Every spelling of an option (aliases, camelCase) → its canonical long name.
  const canonical = new Map<string, string>();
  for (const name of kinds.keys()) canonical.set(name, name);
  for (const [key, aliases] of Object.entries(options.alias)) {
    for (const alias of aliases) canonical.set(kebab(alias), kebab(key));
  }
  const given = new Map<string, string[]>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--') || word === '--') continue;
    const eq = word.indexOf('=');
    let name = kebab(word.slice(2, eq === -1 ? undefined : eq));
    const negated =
      !canonical.has(name) &&
      name.startsWith('no-') &&
      kinds.get(canonical.get(name.slice(3)) ?? '') === 'boolean';
    if (negated) name = name.slice(3);
    const key = canonical.get(name);
    if (key === undefined) continue; // unknown options are yargs' strict mode's to report
    const kind = kinds.get(key)!;
    let value: string | undefined;
    if (eq !== -1) value = word.slice(eq + 1);
    else if (kind !== 'boolean' && !negated) {
      const next = words[i + 1];
      // A following option word is not a value (negative numbers are not option words).
      if (next !== undefined && !(next.startsWith('-') && !/^-\d/.test(next))) {
        value = next;
        i++;
      }
    }
    if (kind === 'boolean') {
      if (value !== undefined && value !== 'true' && value !== 'false') {
        return `--${key} is a switch (--${key} or --no-${key}), got "${value}"`;
      }
    } else if (value === undefined || value === '') {
      return `--${key} needs a value`;
    } else if (kind === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) {
      return `--${key} must be a number, got "${value}"`;
    }
    const choices = Object.entries(options.choices).find(([k]) => kebab(k) === key)?.[1];
    if (choices !== undefined && value !== undefined && !choices.map(String).includes(value)) {
      return `--${key} must be one of ${choices.join(', ')}; got "${value}"`;
    }
    given.set(key, [...(given.get(key) ?? []), value ?? (negated ? 'false' : 'true')]);
  }
  const arrays = new Set(options.array.map(kebab));
  for (const [key, values] of given) {
    if (values.length > 1 && !arrays.has(key)) {
      return `--${key} given ${values.length} times (${values.join(', ')}); give it once`;
    }
  }
  return null;
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
  try {
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
